// One chat as a pane shows it: the stored history merged with the live chat stream. Pure functions, so the
// ordering rules (seq order, resume, dedupe) are tested without a browser.

import type { Envelope, MessageView, SubscribedState, ToolCallSummary } from '../api/types';

export type TurnStatus = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';

export interface ToolCard {
    toolCallId: string;
    tool: string;
    status: 'running' | 'succeeded' | 'failed';
    arguments?: unknown;
    result?: string;
    error?: string;
}

export interface Turn {
    turnId: string;
    question: string;
    model: string | null;
    status: TurnStatus;
    /** Turns that run before this one (the running one included), while it is queued. */
    position: number | null;
    answer: string;
    tools: ToolCard[];
    inputTokens: number | null;
    outputTokens: number | null;
    error: string | null;
    /** Browser clock, for the time to first token and the duration of turns seen live. */
    startedAt: number | null;
    firstTokenAt: number | null;
    endedAt: number | null;
    /** The first message id of the turn in the history, for fork. */
    messageId: string | null;
}

export interface ChatStream {
    chatId: string;
    /** The cursor of the oldest message read, and whether older ones may exist (the history is read newest first). */
    earliestCursor: string | null;
    hasEarlier: boolean;
    /** The last chat-stream seq applied; events at or below it are duplicates. */
    lastSeq: number;
    turns: Turn[];
    /** A resync said events were lost: the history must be read again. */
    stale: boolean;
}

export function emptyStream(chatId: string): ChatStream {
    return { chatId, lastSeq: 0, turns: [], stale: false, earliestCursor: null, hasEarlier: false };
}

function newTurn(turnId: string): Turn {
    return {
        turnId, question: '', model: null, status: 'queued', position: null, answer: '', tools: [],
        inputTokens: null, outputTokens: null, error: null, startedAt: null, firstTokenAt: null, endedAt: null,
        messageId: null,
    };
}

const FINISHED: TurnStatus[] = ['completed', 'failed', 'cancelled'];

export function isFinished(turn: Turn): boolean {
    return FINISHED.includes(turn.status);
}

function toolCardsOf(summaries: ToolCallSummary[]): ToolCard[] {
    return summaries.map((call, i) => ({
        toolCallId: `stored-${i}`,
        tool: call.tool,
        status: call.status,
        error: call.error,
    }));
}

function statusOfAnswer(status: string): TurnStatus {
    switch (status) {
        case 'failed': return 'failed';
        case 'cancelled': return 'cancelled';
        case 'running':
        case 'streaming': return 'running';
        default: return 'completed';
    }
}

/** The stored history (conversation order) as turns; `complete` says whether nothing older exists. */
export function fromHistory(chatId: string, messages: MessageView[], complete = true): ChatStream {
    return { chatId, lastSeq: resumeSeq(messages), turns: turnsOf(messages), stale: false,
        earliestCursor: messages.length > 0 ? messages[0].cursor : null, hasEarlier: !complete };
}

/**
 * Older history ("Show earlier") in front of what the pane holds. A turn cut by the page boundary (its answer
 * already held, its question in the older page) is joined, never shown twice.
 */
export function prependHistory(stream: ChatStream, older: MessageView[], complete: boolean): ChatStream {
    const olderTurns = turnsOf(older);
    const held = new Map(stream.turns.map((t) => [t.turnId, t]));
    const joined = new Map<string, Turn>();
    const front = olderTurns.filter((turn) => {
        const known = held.get(turn.turnId);
        if (known) {
            joined.set(turn.turnId, { ...known, question: known.question || turn.question,
                messageId: turn.messageId ?? known.messageId });
            return false;
        }
        return true;
    });
    return { ...stream, turns: [...front, ...stream.turns.map((t) => joined.get(t.turnId) ?? t)],
        earliestCursor: older.length > 0 ? older[0].cursor : stream.earliestCursor, hasEarlier: !complete };
}

function turnsOf(messages: MessageView[]): Turn[] {
    const turns: Turn[] = [];
    const byId = new Map<string, Turn>();
    for (const message of messages) {
        let turn = byId.get(message.turnId);
        if (!turn) {
            turn = newTurn(message.turnId);
            turn.messageId = message.id;
            byId.set(message.turnId, turn);
            turns.push(turn);
        }
        if (message.role === 'user') {
            turn.question = message.content;
            turn.model = message.model ?? turn.model;
        } else {
            turn.answer = message.content;
            turn.status = statusOfAnswer(message.status);
            turn.error = message.error;
            turn.model = message.model ?? turn.model;
            turn.inputTokens = message.inputTokens;
            turn.outputTokens = message.outputTokens;
            turn.tools = toolCardsOf(message.toolCalls ?? []);
        }
    }
    return turns;
}

/**
 * Where the live stream has to start so that nothing of an unfinished turn is missed: just before the oldest
 * question still without its answer (its deltas all come after it), else after the newest stored message.
 * Copied history (a fork's or a duplicate's) has seqs 0 and below and never counts.
 */
/**
 * Where to follow a chat from after a resync, once the history is read again: the history's own resume point
 * (resumeSeq), but never before the events the resync said were lost. The gateway no longer holds those (a long
 * answer streams more deltas than it keeps), so asking for them again would only bring another resync, and the
 * pane would read the history over and over until the turn ends. What the gap held of a running answer comes
 * back whole with its TurnCompleted.
 */
export function resumeAfterResync(historySeq: number, nextSeq: number): number {
    return Math.max(historySeq, nextSeq - 1);
}

export function resumeSeq(messages: MessageView[]): number {
    const answered = new Set(messages.filter((m) => m.role === 'assistant').map((m) => m.turnId));
    let newest = 0;
    let oldestOpen = Number.POSITIVE_INFINITY;
    for (const message of messages) {
        if (message.seq <= 0) {
            continue;
        }
        newest = Math.max(newest, message.seq);
        if (message.role === 'user' && !answered.has(message.turnId)) {
            oldestOpen = Math.min(oldestOpen, message.seq);
        }
    }
    return Number.isFinite(oldestOpen) ? oldestOpen - 1 : newest;
}

function withTurn(stream: ChatStream, turnId: string, change: (turn: Turn) => Turn | null): ChatStream {
    const index = stream.turns.findIndex((t) => t.turnId === turnId);
    const current = index >= 0 ? stream.turns[index] : newTurn(turnId);
    const changed = change(current);
    if (changed === null || changed === current) {
        return stream;
    }
    const turns = stream.turns.slice();
    if (index >= 0) {
        turns[index] = changed;
    } else {
        turns.push(changed);
    }
    return { ...stream, turns };
}

function text(payload: Record<string, unknown>, field: string): string {
    const value = payload[field];
    return typeof value === 'string' ? value : '';
}

function tokens(payload: Record<string, unknown>): { input: number | null; output: number | null } {
    const usage = payload.usage as { inputTokens?: number; outputTokens?: number } | undefined;
    return { input: usage?.inputTokens ?? null, output: usage?.outputTokens ?? null };
}

/**
 * Applies one chat-stream event. An event at or below `lastSeq` was seen already (a replay after a resume)
 * and changes nothing; an event for a turn that is already finished (stored history raced the replay) neither.
 */
export function applyEvent(stream: ChatStream, event: Envelope, now: number = Date.now()): ChatStream {
    if (event.seq <= stream.lastSeq) {
        return stream;
    }
    const advanced = { ...stream, lastSeq: event.seq };
    const turnId = event.turnId;
    if (!turnId) {
        return advanced;
    }
    const p = event.payload;
    return withTurn(advanced, turnId, (turn) => {
        if (isFinished(turn) && event.type !== 'TurnQueued') {
            return null;
        }
        switch (event.type) {
            case 'TurnQueued':
                if (turn.question !== '' || isFinished(turn)) {
                    return null;
                }
                return { ...turn, question: text(p, 'text'), model: text(p, 'model') || turn.model,
                    position: typeof p.position === 'number' ? p.position : null };
            case 'QueuedTurnEdited':
                return { ...turn, question: text(p, 'text') };
            case 'TurnStarted':
                return { ...turn, status: 'running', position: null, model: text(p, 'model') || turn.model,
                    startedAt: turn.startedAt ?? now };
            case 'TextDelta':
                return { ...turn, status: 'running', position: null, answer: turn.answer + text(p, 'text'),
                    firstTokenAt: turn.firstTokenAt ?? now };
            case 'ToolCallStarted':
                return { ...turn, tools: [...turn.tools, { toolCallId: text(p, 'toolCallId'), tool: text(p, 'tool'),
                    status: 'running', arguments: p.arguments }] };
            case 'ToolCallResult':
                return { ...turn, tools: turn.tools.map((t) => t.toolCallId === text(p, 'toolCallId')
                    ? { ...t, status: 'succeeded', result: text(p, 'result') } : t) };
            case 'ToolCallFailed':
                return { ...turn, tools: turn.tools.map((t) => t.toolCallId === text(p, 'toolCallId')
                    ? { ...t, status: 'failed', error: text(p, 'reason') } : t) };
            case 'TurnCompleted': {
                const usage = tokens(p);
                return { ...turn, status: 'completed', position: null, answer: text(p, 'text') || turn.answer,
                    inputTokens: usage.input, outputTokens: usage.output, endedAt: now };
            }
            case 'TurnFailed':
                return { ...turn, status: 'failed', position: null,
                    error: `${text(p, 'reason')}: ${text(p, 'message')}`, endedAt: now };
            case 'TurnCancelled':
                return { ...turn, status: 'cancelled', position: null, error: text(p, 'reason'), endedAt: now };
            default:
                return null;
        }
    });
}

/** The running turn and the queue as the gateway had them at subscription, for turns the history lacks. */
export function applySubscribedState(stream: ChatStream, state: SubscribedState): ChatStream {
    let next = stream;
    if (state.runningTurnId) {
        next = withTurn(next, state.runningTurnId, (turn) => isFinished(turn) || turn.status === 'running'
            ? null : { ...turn, status: 'running', position: null });
    }
    for (const entry of state.queue) {
        next = withTurn(next, entry.turnId, (turn) => turn.status !== 'queued' ? null
            : { ...turn, question: turn.question || entry.text, position: entry.position });
    }
    return next;
}

/** The whole answer text a pane shows for a turn, used to check that no text crossed panes. */
export function transcript(stream: ChatStream): string {
    return stream.turns.map((t) => `${t.question}\n${t.answer}`).join('\n');
}

export function runningTurn(stream: ChatStream): Turn | undefined {
    return stream.turns.find((t) => t.status === 'running');
}

export function queuedTurns(stream: ChatStream): Turn[] {
    return stream.turns.filter((t) => t.status === 'queued');
}
