// A chat's history and live stream, for one pane: reads the history, then follows the chat from where the
// history ends; after a resync it reads the history again.

import { useEffect, useState } from 'react';

import { ApiError, loadHistory } from '../api/http';
import type { SwitchboardSocket } from '../api/socket';
import { applyEvent, applySubscribedState, type ChatStream, emptyStream, fromHistory } from '../state/chatStream';

export type LoadState = 'loading' | 'ready' | 'not-found' | 'failed';

export function useChatStream(socket: SwitchboardSocket, chatId: string): { stream: ChatStream; load: LoadState } {
    const [stream, setStream] = useState<ChatStream>(() => emptyStream(chatId));
    const [load, setLoad] = useState<LoadState>('loading');

    useEffect(() => {
        let alive = true;
        let unfollow: (() => void) | null = null;
        setStream(emptyStream(chatId));
        setLoad('loading');
        const read = async (): Promise<number | null> => {
            try {
                const history = fromHistory(chatId, await loadHistory(chatId));
                if (!alive) {
                    return null;
                }
                setStream(history);
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
                    if (streamName === 'chat') {
                        setStream((s) => applyEvent(s, event));
                    }
                },
                resync: (streamName) => {
                    if (streamName === 'chat') {
                        read().then((seq) => seq !== null && socket.restartChat(chatId, seq));
                    }
                },
                ended: () => setLoad('not-found'),
                error: (code) => setLoad(code === 'not_found' ? 'not-found' : 'failed'),
            });
        });
        return () => {
            alive = false;
            unfollow?.();
        };
    }, [socket, chatId]);

    return { stream, load };
}
