// The chat's git workspace for the branch banner: read once, again whenever the chat's workspace stream says
// something changed (the branch was cut, a turn committed).

import { useEffect, useState } from 'react';

import { api } from '../api/http';
import type { SwitchboardSocket } from '../api/socket';
import type { WorkspaceView } from '../api/types';

export function useWorkspace(socket: SwitchboardSocket, chatId: string): WorkspaceView | null {
    const [workspace, setWorkspace] = useState<WorkspaceView | null>(null);
    useEffect(() => {
        let alive = true;
        const read = () => api.workspace(chatId).then((w) => alive && setWorkspace(w)).catch(() => undefined);
        read();
        const unfollow = socket.followChat(chatId, 0, {
            event: (stream) => {
                if (stream === 'workspace') {
                    read();
                }
            },
        });
        return () => {
            alive = false;
            unfollow();
        };
    }, [socket, chatId]);
    return workspace;
}
