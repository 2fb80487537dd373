import { type PointerEvent as ReactPointerEvent, useEffect, useRef, useState } from 'react';

import type { SwitchboardSocket } from '../api/socket';
import type { ChatView, Layout, SplitView } from '../api/types';
import { dragBorder, gridTemplate } from '../state/layout';
import { ChatPane } from './ChatPane';
import { Composer } from './Composer';

interface ViewAreaProps {
    socket: SwitchboardSocket;
    view: SplitView;
    chats: Map<string, ChatView>;
    models: string[];
    canEdit: boolean;
    narrow: boolean;
    onLayout(layout: Layout): void;
    onMode(broadcast: boolean): void;
    onResize(sizes: number[]): void;
    onPaneModel(index: number, model: string): void;
    onRemovePane(index: number): void;
    onKeep(chatId: string): void;
    onBroadcast(text: string): void;
    onOpenChat(chatId: string): void;
    onClose(): void;
}

/** A split-pane view: every pane its own chat, stream and model; one composer for all in broadcast mode. */
export function ViewArea(props: ViewAreaProps) {
    const { view, narrow } = props;
    const [sizes, setSizes] = useState(view.panes.map((p) => p.size));
    const [broadcastDraft, setBroadcastDraft] = useState('');
    const grid = useRef<HTMLDivElement>(null);
    useEffect(() => setSizes(view.panes.map((p) => p.size)), [view]);

    const template = gridTemplate(view.layout, sizes, narrow);
    const resizable = !narrow && view.layout !== 'grid' && view.panes.length > 1;
    const broadcast = view.syncMode === 'broadcast';

    const startDrag = (index: number, e: ReactPointerEvent) => {
        const box = grid.current?.getBoundingClientRect();
        if (!box) {
            return;
        }
        const horizontal = view.layout === 'horizontal';
        const extent = horizontal ? box.width : box.height;
        const origin = horizontal ? e.clientX : e.clientY;
        const start = sizes;
        let latest = start;
        const move = (m: PointerEvent) => {
            latest = dragBorder(start, index, (((horizontal ? m.clientX : m.clientY) - origin) / extent) * 100);
            setSizes(latest);
        };
        const up = () => {
            window.removeEventListener('pointermove', move);
            window.removeEventListener('pointerup', up);
            if (latest !== start) {
                props.onResize(latest);
            }
        };
        window.addEventListener('pointermove', move);
        window.addEventListener('pointerup', up);
    };
    const nudge = (index: number, delta: number) => {
        const next = dragBorder(sizes, index, delta);
        if (next !== sizes) {
            setSizes(next);
            props.onResize(next);
        }
    };

    return (
        <div className="view">
            <div className="view-toolbar">
                <strong>{view.name}</strong>
                <label>Layout <select value={view.layout} onChange={(e) => props.onLayout(e.target.value as Layout)}>
                    <option value="horizontal">side by side</option>
                    <option value="vertical">stacked</option>
                    <option value="grid">grid</option>
                </select></label>
                <label><input type="checkbox" checked={broadcast} onChange={(e) => props.onMode(e.target.checked)} />
                    Broadcast</label>
                <span className="hint">{view.panes.length} of {view.maxPanes} panes</span>
                <button onClick={props.onClose}>Close view</button>
            </div>
            <div ref={grid} className={`pane-grid layout-${narrow ? 'stacked' : view.layout}`}
                style={{ gridTemplateColumns: template.columns, gridTemplateRows: template.rows }}>
                {view.panes.map((pane, i) => (
                    <div key={pane.chatId} className="pane-cell">
                        <ChatPane socket={props.socket} chatId={pane.chatId} chat={props.chats.get(pane.chatId)}
                            model={pane.model} models={props.models} composer={!broadcast} canEdit={props.canEdit}
                            label={`Pane ${i + 1}`}
                            onModel={(m) => props.onPaneModel(pane.index, m)}
                            onClose={() => props.onRemovePane(pane.index)}
                            onKeep={broadcast ? () => props.onKeep(pane.chatId) : undefined}
                            onOpenChat={props.onOpenChat} />
                        {resizable && i < view.panes.length - 1 && (
                            <div role="separator" tabIndex={0} aria-label={`Resize panes ${i + 1} and ${i + 2}`}
                                aria-orientation={view.layout === 'horizontal' ? 'vertical' : 'horizontal'}
                                aria-valuenow={sizes[i]} aria-valuemin={10} aria-valuemax={90}
                                className={`resize-handle handle-${view.layout}`}
                                onPointerDown={(e) => startDrag(i, e)}
                                onKeyDown={(e) => {
                                    if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') {
                                        nudge(i, -5);
                                    } else if (e.key === 'ArrowRight' || e.key === 'ArrowDown') {
                                        nudge(i, 5);
                                    }
                                }} />
                        )}
                    </div>
                ))}
            </div>
            {broadcast && props.canEdit &&
                <Composer label="Message to every pane" draft={broadcastDraft} onDraft={setBroadcastDraft}
                    onSend={props.onBroadcast} />}
        </div>
    );
}
