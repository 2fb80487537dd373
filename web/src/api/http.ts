// The REST API of the gateway, with the bearer token and RFC 9457 problems as errors.

import { currentToken } from '../auth/token';
import type {
    BranchListing,
    ChatView, CommitPage, ConflictRadar, GitHubRemote, MergeResult, MessageView, Models, ProjectView, PullRequestView,
    RestoreResult, SearchHit, SplitView, UiState, WorkspaceDiff, WorkspaceSettings, WorkspaceView,
} from './types';

export class ApiError extends Error {
    constructor(readonly status: number, readonly title: string, readonly detail: string | null,
        readonly problemType: string | null) {
        super(detail ?? title);
    }
}

/** Listeners told when a call came back 401, so the app can ask for a new token without losing state. */
const unauthorisedListeners = new Set<() => void>();

export function onUnauthorised(listener: () => void): () => void {
    unauthorisedListeners.add(listener);
    return () => unauthorisedListeners.delete(listener);
}

/**
 * One authorised request: the bearer token, a JSON body when there is one, a 401 told to the listeners, and any
 * status but 2xx thrown as the problem it carries.
 */
async function request(method: string, path: string, body?: string, headers: Record<string, string> = {}):
    Promise<Response> {
    const token = currentToken();
    const response = await fetch(`/api${path}`, {
        method,
        headers: {
            ...(token ? { Authorization: `Bearer ${token}` } : {}),
            ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
            ...headers,
        },
        body,
    });
    if (response.status === 401) {
        unauthorisedListeners.forEach((l) => l());
    }
    if (!response.ok) {
        let problem: { title?: string; detail?: string; type?: string } = {};
        try {
            problem = await response.json();
        } catch {
            // not a problem body: the status says enough
        }
        throw new ApiError(response.status, problem.title ?? response.statusText, problem.detail ?? null,
            problem.type ?? null);
    }
    return response;
}

async function call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const response = await request(method, path, body !== undefined ? JSON.stringify(body) : undefined, headers);
    if (response.status === 204 || response.status === 202 && response.headers.get('Content-Length') === '0') {
        return undefined as T;
    }
    const textBody = await response.text();
    return (textBody ? JSON.parse(textBody) : undefined) as T;
}

const ifMatch = (version: number) => ({ 'If-Match': String(version) });

let uiStateChanges: Promise<unknown> = Promise.resolve();

/**
 * Changes of the UI state go to the server one after the other, in the order the user made them: two tab
 * switches in quick succession sent side by side could be applied the other way round, and the earlier win.
 */
function inOrder<T>(change: () => Promise<T>): Promise<T> {
    const next = uiStateChanges.then(change, change);
    uiStateChanges = next.catch(() => undefined);
    return next;
}

export const api = {
    me: () => call<{ tenant: string; user: string; roles: string[] }>('GET', '/me'),
    models: () => call<Models>('GET', '/models'),
    projects: () => call<ProjectView[]>('GET', '/projects'),
    createProject: (name: string) => call<ProjectView>('POST', '/projects', { name }),
    chat: (chatId: string) => call<ChatView>('GET', `/chats/${encodeURIComponent(chatId)}`),
    createChat: (projectId: string, title: string | null, model: string | null, fromBranch: string | null = null) =>
        call<ChatView>('POST', `/projects/${projectId}/chats`,
            { title: title || undefined, model: model || undefined, fromBranch: fromBranch || undefined }),
    branches: (projectId: string) => call<BranchListing>('GET', `/projects/${projectId}/branches?limit=1000`),
    updateChat: (chatId: string, change: { title?: string; model?: string; pinned?: boolean }) =>
        call<ChatView>('PATCH', `/chats/${chatId}`, change),
    archive: (chatId: string) => call<ChatView>('POST', `/chats/${chatId}/archive`),
    restore: (chatId: string) => call<ChatView>('POST', `/chats/${chatId}/restore`),
    deleteChat: (chatId: string) => call<void>('DELETE', `/chats/${chatId}`),
    duplicate: (chatId: string) => call<ChatView>('POST', `/chats/${chatId}/duplicate`),
    fork: (chatId: string, messageId: string) => call<ChatView>('POST', `/chats/${chatId}/fork`, { messageId }),
    markRead: (chatId: string) => call<ChatView>('POST', `/chats/${chatId}/read`, {}),
    search: (projectId: string, q: string) =>
        call<SearchHit[]>('GET', `/chats/search?projectId=${projectId}&q=${encodeURIComponent(q)}&limit=50`),
    messagesBefore: (chatId: string, before: string, limit: number) =>
        call<MessageView[]>('GET', `/chats/${chatId}/messages?limit=${limit}&before=${encodeURIComponent(before)}`),
    workspace: (chatId: string) => call<WorkspaceView>('GET', `/chats/${chatId}/workspace`),
    commits: (chatId: string, after: string | null = null) =>
        call<CommitPage>('GET', `/chats/${chatId}/workspace/commits?limit=50${after ? `&after=${after}` : ''}`),
    diff: (chatId: string) => call<WorkspaceDiff>('GET', `/chats/${chatId}/workspace/diff?againstDefault=true`),
    conflicts: (projectId: string) => call<ConflictRadar>('GET', `/projects/${projectId}/conflicts`),
    merge: (chatId: string, dryRun: boolean) =>
        call<MergeResult>('POST', `/chats/${chatId}/workspace/merge`, { dryRun }),
    restoreCheckpoint: (chatId: string, commit: string) =>
        call<RestoreResult>('POST', `/chats/${chatId}/workspace/restore`, { commit }),
    workspaceSettings: (projectId: string) =>
        call<WorkspaceSettings>('GET', `/projects/${projectId}/workspace-settings`),
    updateWorkspaceSettings: (projectId: string, change: Partial<WorkspaceSettings>) =>
        call<WorkspaceSettings>('PUT', `/projects/${projectId}/workspace-settings`, change),
    /** The project's GitHub repository; a 404 problem when it has none. */
    github: (projectId: string) => call<GitHubRemote>('GET', `/projects/${projectId}/github`),
    /** The token goes to the server in this one request and is kept nowhere here. */
    connectGitHub: (projectId: string, repository: string, token: string) =>
        call<GitHubRemote>('PUT', `/projects/${projectId}/github`, { repository, token }),
    disconnectGitHub: (projectId: string) => call<void>('DELETE', `/projects/${projectId}/github`),
    /** The chat's pull request; a 404 problem when it never opened one. */
    pullRequest: (chatId: string) => call<PullRequestView>('GET', `/chats/${chatId}/pull-request`),
    openPullRequest: (chatId: string, title: string, body: string | null) =>
        call<PullRequestView>('POST', `/chats/${chatId}/pull-request`, { title, body: body || undefined }),
    refreshPullRequest: (chatId: string) => call<PullRequestView>('POST', `/chats/${chatId}/pull-request/refresh`),
    send: (chatId: string, text: string, clientMessageId: string, model: string | null) =>
        call<unknown>('POST', `/chats/${chatId}/messages`, { text, clientMessageId, model: model || undefined }),
    uiState: () => call<UiState>('GET', '/ui-state'),
    openTab: (chatId: string) => inOrder(() => call<UiState>('POST', '/ui-state/tabs', { chatId })),
    closeTab: (chatId: string) => inOrder(() => call<UiState>('DELETE', `/ui-state/tabs/${chatId}`)),
    moveTab: (chatId: string, to: number) => inOrder(() => call<UiState>('POST', `/ui-state/tabs/${chatId}/move`, { to })),
    activateTab: (chatId: string | null) => inOrder(() => call<UiState>('PUT', '/ui-state/active-tab', { chatId })),
    restoreTab: () => inOrder(() => call<UiState>('POST', '/ui-state/closed-tabs/restore', {})),
    lastView: (viewId: string | null) => inOrder(() => call<UiState>('PUT', '/ui-state/last-view', { viewId })),
    views: () => call<SplitView[]>('GET', '/views'),
    createView: (name: string, layout: string, syncMode: string, chatIds: string[]) =>
        call<SplitView>('POST', '/views', { name, layout, syncMode, panes: chatIds.map((chatId) => ({ chatId })) }),
    updateView: (view: SplitView, change: { layout?: string; syncMode?: string; name?: string }) =>
        call<SplitView>('PATCH', `/views/${view.id}`, change, ifMatch(view.version)),
    deleteView: (view: SplitView) => call<void>('DELETE', `/views/${view.id}`, undefined, ifMatch(view.version)),
    addPane: (view: SplitView, chatId: string) =>
        call<SplitView>('POST', `/views/${view.id}/panes`, { chatId }, ifMatch(view.version)),
    removePane: (view: SplitView, index: number) =>
        call<SplitView>('DELETE', `/views/${view.id}/panes/${index}`, undefined, ifMatch(view.version)),
    updatePane: (view: SplitView, index: number, change: { chatId?: string; model?: string }) =>
        call<SplitView>('PATCH', `/views/${view.id}/panes/${index}`, change, ifMatch(view.version)),
    resize: (view: SplitView, sizes: number[]) =>
        call<SplitView>('PUT', `/views/${view.id}/sizes`, { sizes }, ifMatch(view.version)),
    broadcast: (view: SplitView, text: string, clientMessageId: string) =>
        call<unknown>('POST', `/views/${view.id}/broadcast`, { text, clientMessageId }),
    /** The chat file as the server wrote it, for a download. */
    exportChat: async (chatId: string) => (await request('GET', `/chats/${chatId}/export`)).blob(),
    /** A chat file, sent as it is: the server checks it, field by field. */
    importChat: async (projectId: string, chatFile: string) =>
        (await request('POST', `/projects/${projectId}/chats/import`, chatFile)).json() as Promise<ChatView>,
    clientState: (chatId: string) =>
        call<{ version: number; state: Record<string, unknown> }>('GET', `/chats/${chatId}/client-state`),
    saveClientState: (chatId: string, version: number, state: Record<string, unknown>) =>
        call<{ version: number; state: Record<string, unknown> }>('PUT', `/chats/${chatId}/client-state`, state,
            ifMatch(version)),
};

/** The newest page of a chat's history (a pane starts there), in conversation order. */
export function newestHistory(chatId: string, limit = HISTORY_PAGE): Promise<MessageView[]> {
    return api.messagesBefore(chatId, 'end', limit);
}

/** The page just before a cursor, in conversation order. */
export function earlierHistory(chatId: string, cursor: string, limit = HISTORY_PAGE): Promise<MessageView[]> {
    return api.messagesBefore(chatId, cursor, limit);
}

export const HISTORY_PAGE = 200;
