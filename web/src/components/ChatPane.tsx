import { useState } from 'react';

import { api } from '../api/http';
import type { SwitchboardSocket } from '../api/socket';
import type { ChatView } from '../api/types';
import type { Turn } from '../state/chatStream';
import { Composer } from './Composer';
import { TurnList } from './TurnList';
import { TurnView } from './TurnView';
import { useChatStream } from './useChatStream';
import { useDraft } from './useDraft';
import { useWorkspace } from './useWorkspace';
import { WorkspacePanel } from './WorkspacePanel';

interface ChatPaneProps {
    socket: SwitchboardSocket;
    chatId: string;
    chat: ChatView | undefined;
    /** The pane's model, when a view gives it one; the chat's otherwise. */
    model: string | null;
    models: string[];
    composer: boolean;
    canEdit: boolean;
    label: string;
    onModel?(model: string): void;
    onClose?(): void;
    onKeep?(): void;
    onOpenChat(chatId: string): void;
}

export function ChatPane(props: ChatPaneProps) {
    const { socket, chatId, chat, model, composer, canEdit } = props;
    const { stream, load, workspaceChanges, loadEarlier, onWorkspaceEvent } = useChatStream(socket, chatId);
    const [draft, setDraft] = useDraft(chatId);
    const workspace = useWorkspace(chatId, workspaceChanges);
    // In a plain tab, the next messages may go to another model than the chat's without changing the chat.
    const [messageModel, setMessageModel] = useState('');
    const [showChanges, setShowChanges] = useState(false);

    if (load === 'not-found') {
        return <section className="pane" aria-label={props.label}><p className="notice" role="alert">Chat not found</p>
            {props.onClose && <button onClick={props.onClose}>Close</button>}</section>;
    }

    let queued = 0;
    const positions = new Map<string, number>();
    for (const turn of stream.turns) {
        if (turn.status === 'queued') {
            positions.set(turn.turnId, ++queued);
        }
    }
    const effectiveModel = model ?? chat?.model ?? null;
    const send = (text: string, now = false) => {
        socket.send(chatId, text, `web-${crypto.randomUUID()}`, model ?? (messageModel || null), now);
    };
    const fork = async (messageId: string) => {
        const created = await api.fork(chatId, messageId);
        props.onOpenChat(created.id);
    };
    const renderTurn = (turn: Turn) => (
        <TurnView key={turn.turnId} turn={turn} queuePosition={positions.get(turn.turnId) ?? null}
            canAct={canEdit}
            onStop={() => socket.stop(chatId, turn.turnId)}
            onCancel={() => socket.cancel(chatId, turn.turnId)}
            onFork={() => turn.messageId && fork(turn.messageId)}
            onEdit={(text) => socket.edit(chatId, turn.turnId, text)} />
    );
    return (
        <section className="pane" aria-label={props.label} data-chat-id={chatId}>
            <header className="pane-head">
                <h2 title={chat?.title}>{chat?.title ?? '…'}</h2>
                {props.onModel ? (
                    <select aria-label="Model" value={effectiveModel ?? ''} onChange={(e) => props.onModel!(e.target.value)}>
                        {[...new Set([...(effectiveModel ? [effectiveModel] : []), ...props.models])].map((m) =>
                            <option key={m} value={m}>{m}</option>)}
                    </select>
                ) : <span className="model">{effectiveModel}</span>}
                {workspace?.branch && (
                    <span className="branch" title={`head ${workspace.headCommit ?? 'none'}`}>
                        <span className="sr-only">branch </span>{workspace.branch}
                        {workspace.headCommit && <code>{workspace.headCommit.slice(0, 7)}</code>}
                    </span>
                )}
                {workspace?.status === 'READY' &&
                    <button onClick={() => setShowChanges(!showChanges)} aria-pressed={showChanges}
                        aria-label={`Changes of ${chat?.title ?? 'chat'}`}>Changes</button>}
                {props.onKeep && <button onClick={props.onKeep} title="Keep this chat, close the others">Continue with this one</button>}
                {props.onClose && <button onClick={props.onClose} aria-label="Close pane">×</button>}
            </header>
            {showChanges && <WorkspacePanel chatId={chatId} projectId={chat?.projectId ?? null}
                title={chat?.title ?? 'chat'} chatTitle={chat?.title ?? null} changes={workspaceChanges}
                onOpenChat={props.onOpenChat} onWorkspaceEvent={onWorkspaceEvent} canRestore={canEdit} />}
            {/* Its own state (heights, the reader's place) belongs to one chat: another chat starts afresh. */}
            <TurnList key={chatId} turns={stream.turns} busy={load === 'loading'} hasEarlier={stream.hasEarlier}
                onEarlier={() => {
                    loadEarlier().catch(() => undefined);
                }}
                renderTurn={renderTurn}>
                {load === 'failed' && <p className="error" role="alert">The chat could not be loaded.</p>}
            </TurnList>
            {composer && canEdit &&
                <Composer label={`Message to ${chat?.title ?? 'chat'}`} draft={draft} onDraft={setDraft}
                    onSend={(text) => send(text)} onSendNow={(text) => send(text, true)}
                    messageModel={model === null ? { models: props.models, value: messageModel, onChange: setMessageModel }
                        : undefined}
                    disabled={chat?.status === 'archived'} />}
        </section>
    );
}
