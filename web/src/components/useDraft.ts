// The composer's draft of a chat, kept in the chat's server-side client state, so a reload or another
// device finds it. Saved half a second after the last keystroke. Until the server has it, the draft also waits in
// this tab's sessionStorage: a save refused for an expired token, or a trip to the sign-in provider, loses nothing.

import { useEffect, useRef, useState } from 'react';

import { ApiError, api } from '../api/http';

const unsavedKey = (chatId: string) => `switchboard.draft.${chatId}`;

export function useDraft(chatId: string): [string, (text: string) => void] {
    const [draft, setDraftState] = useState('');
    const version = useRef<number | null>(null);
    const document = useRef<Record<string, unknown>>({});
    const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

    useEffect(() => {
        let alive = true;
        version.current = null;
        setDraftState('');
        api.clientState(chatId).then((state) => {
            if (!alive) {
                return;
            }
            version.current = state.version;
            document.current = state.state ?? {};
            const unsaved = sessionStorage.getItem(unsavedKey(chatId));
            const saved = document.current.draft;
            if (unsaved !== null) {
                setDraftState(unsaved);
                save(unsaved);
            } else if (typeof saved === 'string') {
                setDraftState(saved);
            }
        }).catch(() => undefined);
        return () => {
            alive = false;
        };
    }, [chatId]);

    const save = (text: string) => {
        if (version.current === null) {
            return;
        }
        const next = { ...document.current, draft: text };
        api.saveClientState(chatId, version.current, next).then((saved) => {
            version.current = saved.version;
            document.current = saved.state;
            if (sessionStorage.getItem(unsavedKey(chatId)) === text) {
                sessionStorage.removeItem(unsavedKey(chatId));
            }
        }).catch((e) => {
            if (e instanceof ApiError && e.status === 409) {
                // another device wrote meanwhile: take its version, keep this draft on the next keystroke
                api.clientState(chatId).then((state) => {
                    version.current = state.version;
                    document.current = state.state ?? {};
                }).catch(() => undefined);
            }
        });
    };

    const setDraft = (text: string) => {
        setDraftState(text);
        sessionStorage.setItem(unsavedKey(chatId), text);
        if (timer.current) {
            clearTimeout(timer.current);
        }
        timer.current = setTimeout(() => save(text), 500);
    };
    return [draft, setDraft];
}
