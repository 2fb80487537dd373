// One WebSocket per browser tab, multiplexing every chat in view, the sidebars of the open projects and the
// attention inbox. After any drop it reconnects and resubscribes each chat with the last seq it received on
// each stream, so the gateway replays exactly what was missed; sends not yet accepted go again under their
// clientMessageId, which makes a repeat a no-op.

import type { Envelope, ServerFrame, StreamName, SubscribedState } from './types';

export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting' | 'signed-out';

export interface ChatListener {
    subscribed?(state: SubscribedState, latestSeq: number): void;
    event?(stream: StreamName, event: Envelope): void;
    /** Events of the stream were lost before `nextSeq`: what comes next starts there. */
    resync?(stream: StreamName, nextSeq: number): void;
    ended?(reason: string): void;
    error?(code: string, message: string): void;
}

export interface ProjectListener {
    frame(frame: ServerFrame): void;
}

type Seqs = Record<StreamName, number>;

interface ChatFollow {
    seqs: Seqs;
    listeners: Set<ChatListener>;
}

interface PendingSend {
    chatId: string;
    text: string;
    clientMessageId: string;
    model: string | null;
    now: boolean;
}

export interface SocketOptions {
    url: string;
    token: () => string | null;
    /** Tests and the shell pass a WebSocket implementation; browsers use their own. */
    create?: (url: string, protocols: string[]) => WebSocket;
    backoffMs?: (attempt: number) => number;
}

const OPEN = 1;
const RETRYABLE = ['unavailable', 'rate_limited'];

export class SwitchboardSocket {
    private ws: WebSocket | null = null;
    private status: ConnectionStatus = 'connecting';
    private attempt = 0;
    private readonly chats = new Map<string, ChatFollow>();
    private readonly projects = new Map<string, Set<ProjectListener>>();
    private readonly inbox = new Set<(frame: ServerFrame) => void>();
    private readonly statusListeners = new Set<(status: ConnectionStatus) => void>();
    private readonly errorListeners = new Set<(frame: ServerFrame) => void>();
    private readonly unacknowledged = new Map<string, PendingSend>();
    private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
    private stopped = false;

    constructor(private readonly options: SocketOptions) {
    }

    connect(): void {
        this.stopped = false;
        const token = this.options.token();
        if (!token) {
            this.setStatus('signed-out');
            return;
        }
        const create = this.options.create ?? ((url, protocols) => new WebSocket(url, protocols));
        const ws = create(this.options.url, ['switchboard.v1', `bearer.${token}`]);
        this.ws = ws;
        ws.onopen = () => {
            if (this.ws !== ws) {
                return;
            }
            this.attempt = 0;
            this.setStatus('open');
            this.resubscribeAll();
        };
        ws.onmessage = (message) => {
            if (this.ws === ws && typeof message.data === 'string') {
                this.dispatch(JSON.parse(message.data) as ServerFrame);
            }
        };
        ws.onclose = (close) => {
            if (this.ws !== ws) {
                return;
            }
            this.ws = null;
            if (this.stopped) {
                return;
            }
            if (close.code === 1008) {
                // the token expired: nothing is lost, the app asks for a new one and calls reconnect()
                this.setStatus('signed-out');
                return;
            }
            this.scheduleReconnect();
        };
    }

    /** After sign-in again, or to recover at once. */
    reconnect(): void {
        if (this.reconnectTimer) {
            clearTimeout(this.reconnectTimer);
            this.reconnectTimer = null;
        }
        const old = this.ws;
        this.ws = null;
        old?.close();
        this.connect();
    }

    close(): void {
        this.stopped = true;
        this.ws?.close(1000);
        this.ws = null;
    }

    currentStatus(): ConnectionStatus {
        return this.status;
    }

    onStatus(listener: (status: ConnectionStatus) => void): () => void {
        this.statusListeners.add(listener);
        return () => this.statusListeners.delete(listener);
    }

    onError(listener: (frame: ServerFrame) => void): () => void {
        this.errorListeners.add(listener);
        return () => this.errorListeners.delete(listener);
    }

    /**
     * Follows a chat. `afterSeq` is where the caller's copy ends (the history it read); a second listener of a
     * followed chat shares the subscription.
     */
    followChat(chatId: string, afterSeq: number, listener: ChatListener): () => void {
        let follow = this.chats.get(chatId);
        if (!follow) {
            follow = { seqs: { chat: afterSeq, workspace: 0, lifecycle: 0 }, listeners: new Set() };
            this.chats.set(chatId, follow);
            follow.listeners.add(listener);
            this.sendSubscribe(chatId, follow);
        } else {
            follow.listeners.add(listener);
        }
        return () => {
            const current = this.chats.get(chatId);
            if (!current) {
                return;
            }
            current.listeners.delete(listener);
            if (current.listeners.size === 0) {
                this.chats.delete(chatId);
                this.write({ type: 'unsubscribe', chatId });
            }
        };
    }

    /** Starts the chat stream again from `afterSeq` (after the history was read again). */
    restartChat(chatId: string, afterSeq: number): void {
        const follow = this.chats.get(chatId);
        if (follow) {
            follow.seqs.chat = afterSeq;
            this.sendSubscribe(chatId, follow);
        }
    }

    followProject(projectId: string, listener: ProjectListener): () => void {
        let listeners = this.projects.get(projectId);
        if (!listeners) {
            listeners = new Set();
            this.projects.set(projectId, listeners);
            this.write({ type: 'subscribe_project', projectId });
        }
        listeners.add(listener);
        return () => {
            const current = this.projects.get(projectId);
            current?.delete(listener);
            if (current && current.size === 0) {
                this.projects.delete(projectId);
                this.write({ type: 'unsubscribe_project', projectId });
            }
        };
    }

    followInbox(listener: (frame: ServerFrame) => void): () => void {
        if (this.inbox.size === 0) {
            this.write({ type: 'subscribe_inbox' });
        }
        this.inbox.add(listener);
        return () => {
            this.inbox.delete(listener);
            if (this.inbox.size === 0) {
                this.write({ type: 'unsubscribe_inbox' });
            }
        };
    }

    /** `now` stops the running turn and answers this message next, ahead of the queue. */
    send(chatId: string, text: string, clientMessageId: string, model: string | null, now = false): void {
        const pending = { chatId, text, clientMessageId, model, now };
        this.unacknowledged.set(clientMessageId, pending);
        this.writeSend(pending);
    }

    stop(chatId: string, turnId: string): void {
        this.write({ type: 'stop', chatId, turnId });
    }

    cancel(chatId: string, turnId: string): void {
        this.write({ type: 'cancel', chatId, turnId });
    }

    edit(chatId: string, turnId: string, text: string): void {
        this.write({ type: 'edit', chatId, turnId, text });
    }

    pendingSends(): number {
        return this.unacknowledged.size;
    }

    private writeSend(pending: PendingSend): void {
        this.write({ type: 'send', chatId: pending.chatId, text: pending.text,
            clientMessageId: pending.clientMessageId, ...(pending.model ? { model: pending.model } : {}),
            ...(pending.now ? { delivery: 'now' } : {}) });
    }

    private sendSubscribe(chatId: string, follow: ChatFollow): void {
        this.write({ type: 'subscribe', chatId, afterSeq: follow.seqs.chat,
            after: { workspace: follow.seqs.workspace, lifecycle: follow.seqs.lifecycle } });
    }

    private resubscribeAll(): void {
        this.chats.forEach((follow, chatId) => this.sendSubscribe(chatId, follow));
        this.projects.forEach((_, projectId) => this.write({ type: 'subscribe_project', projectId }));
        if (this.inbox.size > 0) {
            this.write({ type: 'subscribe_inbox' });
        }
        this.unacknowledged.forEach((pending) => this.writeSend(pending));
    }

    /** Frames written while the socket is down are not kept: everything is sent again on open. */
    private write(frame: Record<string, unknown>): void {
        if (this.ws && this.ws.readyState === OPEN) {
            this.ws.send(JSON.stringify(frame));
        }
    }

    private scheduleReconnect(): void {
        this.setStatus('reconnecting');
        const delay = (this.options.backoffMs ?? defaultBackoff)(this.attempt++);
        this.reconnectTimer = setTimeout(() => {
            this.reconnectTimer = null;
            this.connect();
        }, delay);
    }

    private setStatus(status: ConnectionStatus): void {
        if (this.status !== status) {
            this.status = status;
            this.statusListeners.forEach((l) => l(status));
        }
    }

    private dispatch(frame: ServerFrame): void {
        switch (frame.type) {
            case 'subscribed':
                this.chats.get(frame.chatId)?.listeners.forEach((l) => l.subscribed?.(frame.state, frame.latestSeq));
                break;
            case 'event': {
                const follow = this.chats.get(frame.event.chatId);
                if (!follow || frame.event.seq <= follow.seqs[frame.stream]) {
                    return;
                }
                follow.seqs[frame.stream] = frame.event.seq;
                follow.listeners.forEach((l) => l.event?.(frame.stream, frame.event));
                break;
            }
            case 'resync': {
                const follow = this.chats.get(frame.chatId);
                if (follow) {
                    follow.seqs[frame.stream] = Math.max(follow.seqs[frame.stream], frame.nextSeq - 1);
                    follow.listeners.forEach((l) => l.resync?.(frame.stream, frame.nextSeq));
                }
                break;
            }
            case 'unsubscribed':
                if (frame.reason) {
                    this.chats.get(frame.chatId)?.listeners.forEach((l) => l.ended?.(frame.reason!));
                    this.chats.delete(frame.chatId);
                }
                break;
            case 'accepted':
                if (frame.command === 'send' && frame.clientMessageId) {
                    this.unacknowledged.delete(frame.clientMessageId);
                }
                break;
            case 'project_snapshot':
            case 'chat_summary':
            case 'chat_removed':
            case 'project_unsubscribed':
                this.projects.get(frame.projectId)?.forEach((l) => l.frame(frame));
                if (frame.type === 'project_unsubscribed' && frame.reason) {
                    this.projects.delete(frame.projectId);
                }
                break;
            case 'attention':
                this.inbox.forEach((l) => l(frame));
                break;
            case 'error':
                if (RETRYABLE.includes(frame.code)) {
                    // the frame goes again with everything else after the next reconnect, or now for a subscribe
                    if (frame.request === 'subscribe' && frame.chatId) {
                        const chatId = frame.chatId;
                        setTimeout(() => {
                            const follow = this.chats.get(chatId);
                            if (follow) {
                                this.sendSubscribe(chatId, follow);
                            }
                        }, 1000);
                    }
                    this.errorListeners.forEach((l) => l(frame));
                    break;
                }
                if (frame.request === 'send' && frame.clientMessageId) {
                    // refused for good (invalid, forbidden): sending it again would be refused again
                    this.unacknowledged.delete(frame.clientMessageId);
                }
                if (frame.chatId && frame.request === 'subscribe') {
                    this.chats.get(frame.chatId)?.listeners.forEach((l) => l.error?.(frame.code, frame.message));
                    this.chats.delete(frame.chatId);
                }
                if (frame.projectId && frame.request === 'subscribe_project') {
                    this.projects.get(frame.projectId)?.forEach((l) => l.frame(frame));
                    this.projects.delete(frame.projectId);
                }
                this.errorListeners.forEach((l) => l(frame));
                break;
            default:
                break;
        }
    }
}

function defaultBackoff(attempt: number): number {
    return Math.min(5000, 250 * 2 ** attempt);
}

export function socketUrl(location: Location): string {
    return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
}
