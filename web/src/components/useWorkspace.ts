// The chat's git workspace for the branch banner: read when the pane opens and again whenever the chat's
// workspace stream says something changed (the branch was cut, a turn committed).

import { useEffect, useState } from 'react';

import { api } from '../api/http';
import type { WorkspaceView } from '../api/types';

export function useWorkspace(chatId: string, changes: number): WorkspaceView | null {
    const [workspace, setWorkspace] = useState<WorkspaceView | null>(null);
    useEffect(() => {
        let alive = true;
        api.workspace(chatId).then((w) => alive && setWorkspace(w)).catch(() => undefined);
        return () => {
            alive = false;
        };
    }, [chatId, changes]);
    return workspace;
}
