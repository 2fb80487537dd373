// A chat's history and live stream, for one pane: reads the history, then follows the chat from where the
// history ends; after a resync it reads the history again.

import { useCallback, useEffect, useRef, useState } from 'react';

import { ApiError, earlierHistory, HISTORY_PAGE, newestHistory } from '../api/http';
import type { SwitchboardSocket } from '../api/socket';
import type { Envelope } from '../api/types';
import { applyEvent, applySubscribedState, type ChatStream, emptyStream, fromHistory, prependHistory,
    resumeAfterResync } from '../state/chatStream';

export type LoadState = 'loading' | 'ready' | 'not-found' | 'failed';

export interface ChatStreamHandle {
    stream: ChatStream;
    load: LoadState;
    /** Counts the chat's workspace events (branch cut, commits), so the branch banner knows when to read again. */
    workspaceChanges: number;
    /** Reads the page of history before the oldest message held; once per page, however often it is called. */
    loadEarlier(): Promise<void>;
    /** Hands the listener each of the chat's workspace events (the pull request shown follows them) till undone. */
    onWorkspaceEvent(listener: (event: Envelope) => void): () => void;
}

export function useChatStream(socket: SwitchboardSocket, chatId: string): ChatStreamHandle {
    const [stream, setStream] = useState<ChatStream>(() => emptyStream(chatId));
    const [load, setLoad] = useState<LoadState>('loading');
    const [workspaceChanges, setWorkspaceChanges] = useState(0);
    // The cursor whose older page is being read or was read: a pane scrolled to the top asks on every scroll event.
    const earlierAsked = useRef<string | null>(null);
    const workspaceListeners = useRef(new Set<(event: Envelope) => void>());
    const onWorkspaceEvent = useCallback((listener: (event: Envelope) => void) => {
        workspaceListeners.current.add(listener);
        return () => {
            workspaceListeners.current.delete(listener);
        };
    }, []);

    useEffect(() => {
        let alive = true;
        let unfollow: (() => void) | null = null;
        // A streaming answer brings dozens of deltas a second per pane: they are applied together once per frame,
        // so the pane renders at most at the screen's rate, in seq order as they came.
        let pending: Envelope[] = [];
        let frame: number | null = null;
        const flush = () => {
            frame = null;
            const events = pending;
            pending = [];
            if (alive && events.length > 0) {
                setStream((s) => events.reduce((current, e) => applyEvent(current, e), s));
            }
        };
        setStream(emptyStream(chatId));
        setLoad('loading');
        const read = async (): Promise<number | null> => {
            try {
                const page = await newestHistory(chatId);
                const history = fromHistory(chatId, page, page.length < HISTORY_PAGE);
                if (!alive) {
                    return null;
                }
                setStream(history);
                earlierAsked.current = null;
                setLoad('ready');
                return history.lastSeq;
            } catch (e) {
                if (alive) {
                    setLoad(e instanceof ApiError && e.status === 404 ? 'not-found' : 'failed');
                }
                return null;
            }
        };
        read().then((afterSeq) => {
            if (afterSeq === null || !alive) {
                return;
            }
            unfollow = socket.followChat(chatId, afterSeq, {
                subscribed: (state) => setStream((s) => applySubscribedState(s, state)),
                event: (streamName, event) => {
                    if (streamName === 'workspace') {
                        setWorkspaceChanges((n) => n + 1);
                        workspaceListeners.current.forEach((l) => l(event));
                    }
                    if (streamName === 'chat') {
                        pending.push(event);
                        if (frame === null) {
                            frame = requestAnimationFrame(flush);
                        }
                    }
                },
                resync: (streamName, nextSeq) => {
                    if (streamName === 'chat') {
                        read().then((seq) => seq !== null
                            && socket.restartChat(chatId, resumeAfterResync(seq, nextSeq)));
                    }
                },
                ended: () => setLoad('not-found'),
                error: (code) => setLoad(code === 'not_found' ? 'not-found' : 'failed'),
            });
        });
        return () => {
            alive = false;
            if (frame !== null) {
                cancelAnimationFrame(frame);
            }
            unfollow?.();
        };
    }, [socket, chatId]);

    const loadEarlier = async () => {
        const cursor = stream.earliestCursor;
        if (!stream.hasEarlier || !cursor || earlierAsked.current === cursor) {
            return;
        }
        earlierAsked.current = cursor;
        try {
            const older = await earlierHistory(chatId, cursor);
            setStream((s) => s.earliestCursor === cursor ? prependHistory(s, older, older.length < HISTORY_PAGE) : s);
        } catch (e) {
            // asked again (a scroll, the button), the page is read again
            if (earlierAsked.current === cursor) {
                earlierAsked.current = null;
            }
            throw e;
        }
    };
    return { stream, load, workspaceChanges, loadEarlier, onWorkspaceEvent };
}
