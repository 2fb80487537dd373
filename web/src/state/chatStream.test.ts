import { describe, expect, it } from 'vitest';

import type { Envelope, MessageView } from '../api/types';
import { applyEvent, applySubscribedState, emptyStream, fromHistory, prependHistory, resumeAfterResync, resumeSeq,
    transcript } from './chatStream';

const CHAT = '0b4c3e1e-0000-4000-8000-000000000001';

function event(seq: number, type: string, turnId: string, payload: Record<string, unknown> = {}): Envelope {
    return { id: `e${seq}`, type, chatId: CHAT, seq, turnId, at: '2026-12-06T00:00:00Z', payload };
}

function message(seq: number, role: 'user' | 'assistant', turnId: string, content: string): MessageView {
    return { id: `m${seq}`, turnId, role, status: role === 'user' ? 'sent' : 'completed', content, model: 'offline',
        error: null, inputTokens: null, outputTokens: null, toolCalls: [], seq, cursor: `c${seq}`,
        createdAt: '2026-12-06T00:00:00Z' };
}

function play(events: Envelope[]) {
    return events.reduce((s, e) => applyEvent(s, e, 1000 + e.seq), emptyStream(CHAT));
}

describe('chat stream', () => {
    it('builds a turn from queued, started, deltas and completed', () => {
        const stream = play([
            event(1, 'TurnQueued', 't1', { text: 'hi', model: 'offline', position: 0 }),
            event(2, 'TurnStarted', 't1', { model: 'offline' }),
            event(3, 'TextDelta', 't1', { text: 'Hel' }),
            event(4, 'TextDelta', 't1', { text: 'lo' }),
        ]);
        expect(stream.turns[0]).toMatchObject({ question: 'hi', answer: 'Hello', status: 'running', firstTokenAt: 1003 });
        const done = applyEvent(stream, event(5, 'TurnCompleted', 't1',
            { text: 'Hello', usage: { inputTokens: 3, outputTokens: 2 } }), 2000);
        expect(done.turns[0]).toMatchObject({ status: 'completed', outputTokens: 2, endedAt: 2000 });
        expect(done.lastSeq).toBe(5);
    });

    it('ignores an event it has already applied, so a replay after a resume duplicates nothing', () => {
        const events = [
            event(1, 'TurnQueued', 't1', { text: 'q', model: 'offline', position: 0 }),
            event(2, 'TurnStarted', 't1'),
            event(3, 'TextDelta', 't1', { text: 'a' }),
            event(4, 'TextDelta', 't1', { text: 'b' }),
        ];
        const once = play(events);
        const replayed = events.slice(1).reduce((s, e) => applyEvent(s, e), once);
        expect(replayed).toBe(once);
        expect(transcript(replayed)).toBe('q\nab');
    });

    it('keeps turns of one chat apart and in the order they were queued', () => {
        const stream = play([
            event(1, 'TurnQueued', 't1', { text: 'first', model: 'm', position: 0 }),
            event(2, 'TurnQueued', 't2', { text: 'second', model: 'm', position: 1 }),
            event(3, 'TurnStarted', 't1'),
            event(4, 'TextDelta', 't1', { text: 'one' }),
            event(5, 'TurnCompleted', 't1', { text: 'one' }),
            event(6, 'TurnStarted', 't2'),
            event(7, 'TextDelta', 't2', { text: 'two' }),
        ]);
        expect(stream.turns.map((t) => [t.question, t.answer, t.status]))
            .toEqual([['first', 'one', 'completed'], ['second', 'two', 'running']]);
    });

    it('leaves a finished turn of the history alone when its events are replayed', () => {
        const history = fromHistory(CHAT, [message(1, 'user', 't1', 'q'), message(5, 'assistant', 't1', 'stored')]);
        const replayed = applyEvent({ ...history, lastSeq: 0 }, event(3, 'TextDelta', 't1', { text: 'x' }));
        expect(replayed.turns[0].answer).toBe('stored');
    });

    it('resumes just before the oldest question without an answer', () => {
        const messages = [message(1, 'user', 't1', 'a'), message(4, 'assistant', 't1', 'b'),
            message(6, 'user', 't2', 'c'), message(7, 'user', 't3', 'd')];
        expect(resumeSeq(messages)).toBe(5);
        expect(resumeSeq(messages.slice(0, 2))).toBe(4);
        expect(resumeSeq([message(-3, 'user', 'copied', 'x'), message(-2, 'assistant', 'copied', 'y')])).toBe(0);
    });

    it('follows on after a resync from where the lost events end, and the answer comes back whole at its end', () => {
        // The history holds the question of the running turn (seq 6); the gateway lost everything before seq 600.
        const messages = [message(1, 'user', 't1', 'a'), message(4, 'assistant', 't1', 'b'),
            message(6, 'user', 't2', 'long question')];
        const from = resumeAfterResync(resumeSeq(messages), 600);
        expect(from).toBe(599);
        // A resync of events older than the history's own resume point moves nothing.
        expect(resumeAfterResync(resumeSeq(messages), 3)).toBe(5);

        const history = fromHistory(CHAT, messages);
        const streaming = applyEvent(history, event(600, 'TextDelta', 't2', { text: '...the end of it' }));
        expect(streaming.turns[1]).toMatchObject({ question: 'long question', status: 'running',
            answer: '...the end of it' });
        const done = applyEvent(streaming, event(601, 'TurnCompleted', 't2',
            { text: 'The whole answer, to the end of it', usage: { inputTokens: 1, outputTokens: 9 } }));
        expect(done.turns[1]).toMatchObject({ status: 'completed', answer: 'The whole answer, to the end of it' });
        expect(done.lastSeq).toBe(601);
    });

    it('shows tool calls as cards that end in a result or a failure', () => {
        const stream = play([
            event(1, 'TurnStarted', 't1'),
            event(2, 'ToolCallStarted', 't1', { toolCallId: 'c1', tool: 'read_file', arguments: { path: 'a' } }),
            event(3, 'ToolCallStarted', 't1', { toolCallId: 'c2', tool: 'run', arguments: {} }),
            event(4, 'ToolCallResult', 't1', { toolCallId: 'c1', result: 'content' }),
            event(5, 'ToolCallFailed', 't1', { toolCallId: 'c2', reason: 'denied' }),
        ]);
        expect(stream.turns[0].tools.map((t) => [t.tool, t.status])).toEqual([['read_file', 'succeeded'], ['run', 'failed']]);
    });

    it('ends a turn as failed or cancelled with its reason', () => {
        const failed = play([event(1, 'TurnStarted', 't1'), event(2, 'TurnFailed', 't1',
            { reason: 'provider_error', message: 'timeout' })]);
        expect(failed.turns[0]).toMatchObject({ status: 'failed', error: 'provider_error: timeout' });
        const cancelled = play([event(1, 'TurnQueued', 't1', { text: 'q', model: 'm', position: 1 }),
            event(2, 'TurnCancelled', 't1', { reason: 'cancelled_by_user' })]);
        expect(cancelled.turns[0].status).toBe('cancelled');
    });

    it('takes an edited queued question', () => {
        const stream = play([event(1, 'TurnQueued', 't1', { text: 'old', model: 'm', position: 1 }),
            event(2, 'QueuedTurnEdited', 't1', { text: 'new' })]);
        expect(stream.turns[0].question).toBe('new');
    });

    it('marks the running turn and the queue from the subscribed state', () => {
        const stream = applySubscribedState(emptyStream(CHAT), {
            busy: true, runningTurnId: 't1', queue: [{ turnId: 't2', text: 'later', position: 1 }],
        });
        expect(stream.turns.map((t) => [t.turnId, t.status, t.question])).toEqual([['t1', 'running', ''], ['t2', 'queued', 'later']]);
    });

    it('puts older history in front and joins a turn the page boundary cut', () => {
        const newest = fromHistory(CHAT, [message(5, 'assistant', 't2', 'answer two'), message(7, 'user', 't3', 'q3'),
            message(9, 'assistant', 't3', 'a3')], false);
        expect(newest.hasEarlier).toBe(true);
        expect(newest.earliestCursor).toBe('c5');
        const older = prependHistory(newest, [message(1, 'user', 't1', 'q1'), message(2, 'assistant', 't1', 'a1'),
            message(3, 'user', 't2', 'q2')], true);
        expect(older.turns.map((t) => [t.turnId, t.question, t.answer])).toEqual([
            ['t1', 'q1', 'a1'], ['t2', 'q2', 'answer two'], ['t3', 'q3', 'a3']]);
        expect(older.hasEarlier).toBe(false);
        expect(older.earliestCursor).toBe('c1');
        expect(older.lastSeq).toBe(newest.lastSeq);
    });
});
