import { memo, useState } from 'react';

import { Markdown } from '../markdown/markdown';
import type { Turn } from '../state/chatStream';

function seconds(ms: number): string {
    return `${(ms / 1000).toFixed(ms < 10000 ? 2 : 1)} s`;
}

export function TurnFigures({ turn }: { turn: Turn }) {
    const parts: string[] = [];
    if (turn.startedAt && turn.firstTokenAt) {
        parts.push(`first token ${seconds(turn.firstTokenAt - turn.startedAt)}`);
    }
    if (turn.startedAt && turn.endedAt) {
        parts.push(`took ${seconds(turn.endedAt - turn.startedAt)}`);
    }
    if (turn.inputTokens !== null || turn.outputTokens !== null) {
        parts.push(`${turn.inputTokens ?? 0} in / ${turn.outputTokens ?? 0} out tokens`);
    }
    return parts.length ? <span className="figures">{parts.join(' · ')}</span> : null;
}

interface TurnViewProps {
    turn: Turn;
    queuePosition: number | null;
    canAct: boolean;
    onStop(): void;
    onCancel(): void;
    onFork(): void;
    onEdit(text: string): void;
}

/**
 * A turn renders again only when it changed: while one answer streams, the finished turns above it (and their
 * Markdown) are left alone. The callbacks act on the turn's own ids, so new closures never mean new behaviour.
 */
export const TurnView = memo(TurnCard, (before, after) => before.turn === after.turn
    && before.queuePosition === after.queuePosition && before.canAct === after.canAct);

function TurnCard({ turn, queuePosition, canAct, onStop, onCancel, onFork, onEdit }: TurnViewProps) {
    const [editing, setEditing] = useState<string | null>(null);
    return (
        <article className={`turn turn-${turn.status}`} data-turn-id={turn.turnId} data-status={turn.status}>
            <div className="question">
                <span className="who">You</span>
                {editing === null ? <div className="question-text">{turn.question}</div> : (
                    <form className="edit" onSubmit={(e) => {
                        e.preventDefault();
                        if (editing.trim() !== '') {
                            onEdit(editing);
                        }
                        setEditing(null);
                    }}>
                        <textarea aria-label="Edit the queued message" value={editing} onChange={(e) => setEditing(e.target.value)} />
                        <button type="submit">Save</button>
                        <button type="button" onClick={() => setEditing(null)}>Discard</button>
                    </form>
                )}
            </div>
            <div className="answer">
                <div className="answer-head">
                    <span className="model">{turn.model ?? ''}</span>
                    <span className={`state state-${turn.status}`}>
                        {turn.status === 'queued' ? `queued${queuePosition !== null ? ` #${queuePosition}` : ''}`
                            : turn.status}
                    </span>
                    <TurnFigures turn={turn} />
                    {canAct && turn.status === 'running' && <button onClick={onStop}>Stop</button>}
                    {canAct && turn.status === 'queued' && editing === null &&
                        <button onClick={() => setEditing(turn.question)}>Edit</button>}
                    {canAct && turn.status === 'queued' && <button onClick={onCancel}>Cancel</button>}
                    {canAct && turn.status === 'completed' && turn.messageId &&
                        <button onClick={onFork} title="A new chat with the history up to here">Fork here</button>}
                </div>
                {turn.tools.map((tool) => (
                    <details key={tool.toolCallId} className={`tool tool-${tool.status}`}>
                        <summary>{tool.tool}: {tool.status}</summary>
                        {tool.arguments !== undefined && <pre>{JSON.stringify(tool.arguments, null, 2)}</pre>}
                        {tool.result && <pre>{tool.result}</pre>}
                        {tool.error && <p className="error">{tool.error}</p>}
                    </details>
                ))}
                <div className="answer-text" data-role="answer"><Markdown text={turn.answer} /></div>
                {turn.error && turn.status !== 'completed' && <p className="error">{turn.error}</p>}
            </div>
        </article>
    );
}
