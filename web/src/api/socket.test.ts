import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { SwitchboardSocket } from './socket';

/** A WebSocket played by the test: it records what the client wrote and delivers what the test says. */
class FakeSocket {
    static all: FakeSocket[] = [];
    readyState = 0;
    sent: Record<string, unknown>[] = [];
    onopen: (() => void) | null = null;
    onmessage: ((m: { data: string }) => void) | null = null;
    onclose: ((c: { code: number }) => void) | null = null;

    constructor(readonly url: string, readonly protocols: string[]) {
        FakeSocket.all.push(this);
    }

    send(data: string) {
        this.sent.push(JSON.parse(data));
    }

    close() {
        this.readyState = 3;
    }

    open() {
        this.readyState = 1;
        this.onopen?.();
    }

    deliver(frame: Record<string, unknown>) {
        this.onmessage?.({ data: JSON.stringify(frame) });
    }

    drop(code = 1006) {
        this.readyState = 3;
        this.onclose?.({ code });
    }
}

const CHAT = '0b4c3e1e-0000-4000-8000-000000000001';

function chatEvent(seq: number, stream = 'chat') {
    return { type: 'event', stream, event: { id: `e${seq}`, type: 'TextDelta', chatId: CHAT, seq, turnId: 't',
        at: '', payload: { text: `${seq}` } } };
}

describe('the socket', () => {
    let socket: SwitchboardSocket;

    beforeEach(() => {
        vi.useFakeTimers();
        FakeSocket.all = [];
        socket = new SwitchboardSocket({
            url: 'ws://gateway/ws', token: () => 'tok',
            create: (url, protocols) => new FakeSocket(url, protocols) as unknown as WebSocket,
            backoffMs: () => 100,
        });
    });

    afterEach(() => vi.useRealTimers());

    it('offers the token as a subprotocol, never in the URL', () => {
        socket.connect();
        expect(FakeSocket.all[0].url).toBe('ws://gateway/ws');
        expect(FakeSocket.all[0].protocols).toEqual(['switchboard.v1', 'bearer.tok']);
    });

    it('resubscribes each chat after a drop with the last seq of each stream, and drops duplicates', () => {
        socket.connect();
        const first = FakeSocket.all[0];
        first.open();
        const seen: number[] = [];
        socket.followChat(CHAT, 7, { event: (_, e) => seen.push(e.seq) });
        expect(first.sent[0]).toEqual({ type: 'subscribe', chatId: CHAT, afterSeq: 7, after: { workspace: 0, lifecycle: 0 } });
        first.deliver(chatEvent(8));
        first.deliver(chatEvent(9));
        first.deliver(chatEvent(9));
        first.deliver(chatEvent(3, 'workspace'));
        first.drop();
        expect(socket.currentStatus()).toBe('reconnecting');
        vi.advanceTimersByTime(100);
        const second = FakeSocket.all[1];
        second.open();
        expect(second.sent[0]).toEqual({ type: 'subscribe', chatId: CHAT, afterSeq: 9, after: { workspace: 3, lifecycle: 0 } });
        second.deliver(chatEvent(9));
        second.deliver(chatEvent(10));
        expect(seen).toEqual([8, 9, 3, 10]);
    });

    it('sends a message again after a drop until it is accepted, under the same clientMessageId', () => {
        socket.connect();
        FakeSocket.all[0].open();
        socket.send(CHAT, 'hello', 'web-1', null);
        FakeSocket.all[0].drop();
        vi.advanceTimersByTime(100);
        const second = FakeSocket.all[1];
        second.open();
        expect(second.sent).toContainEqual({ type: 'send', chatId: CHAT, text: 'hello', clientMessageId: 'web-1' });
        second.deliver({ type: 'accepted', command: 'send', chatId: CHAT, clientMessageId: 'web-1' });
        expect(socket.pendingSends()).toBe(0);
    });

    it('waits for a new token after the gateway closes for an expired one', () => {
        socket.connect();
        FakeSocket.all[0].open();
        FakeSocket.all[0].drop(1008);
        vi.advanceTimersByTime(10_000);
        expect(socket.currentStatus()).toBe('signed-out');
        expect(FakeSocket.all).toHaveLength(1);
    });

    it('follows a project once for any number of listeners and hands them its frames', () => {
        socket.connect();
        const ws = FakeSocket.all[0];
        ws.open();
        const frames: string[] = [];
        const stopA = socket.followProject('p', { frame: (f) => frames.push(`a:${f.type}`) });
        const stopB = socket.followProject('p', { frame: (f) => frames.push(`b:${f.type}`) });
        ws.deliver({ type: 'project_snapshot', projectId: 'p', chats: [], truncated: false });
        stopA();
        stopB();
        expect(ws.sent).toEqual([{ type: 'subscribe_project', projectId: 'p' }, { type: 'unsubscribe_project', projectId: 'p' }]);
        expect(frames).toEqual(['a:project_snapshot', 'b:project_snapshot']);
    });
});
