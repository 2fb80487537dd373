// The shapes the gateway answers (session-api records, docs/api.md and docs/websocket.md).

export type ChatStatus = 'active' | 'archived' | 'completed';

export interface ChatView {
    id: string;
    projectId: string;
    title: string;
    description: string | null;
    model: string;
    status: ChatStatus;
    pinned: boolean;
    isDefault: boolean;
    busy: boolean;
    messageCount: number;
    unread: number;
    lastActivityAt: string;
    lifecycleSeq: number;
    cursor: string;
}

export interface ProjectView {
    id: string;
    name: string;
    role: 'owner' | 'editor' | 'viewer';
}

export interface ToolCallSummary {
    tool: string;
    status: 'succeeded' | 'failed' | 'running';
    error?: string;
}

export interface MessageView {
    id: string;
    turnId: string;
    role: 'user' | 'assistant';
    status: string;
    content: string;
    model: string | null;
    error: string | null;
    inputTokens: number | null;
    outputTokens: number | null;
    toolCalls: ToolCallSummary[];
    seq: number;
    cursor: string;
    createdAt: string;
}

export interface SearchHit {
    chat: ChatView;
    snippet: string;
    messageId: string | null;
}

export type Layout = 'horizontal' | 'vertical' | 'grid';
export type SyncMode = 'independent' | 'broadcast';

export interface PaneBody {
    index: number;
    chatId: string;
    model: string | null;
    size: number;
}

export interface SplitView {
    id: string;
    name: string;
    layout: Layout;
    syncMode: SyncMode;
    maxPanes: number;
    version: number;
    panes: PaneBody[];
}

export interface UiState {
    version: number;
    openTabs: string[];
    activeChatId: string | null;
    closedTabs: { chatId: string; closedAt: string }[];
    lastViewId: string | null;
}

export interface Models {
    defaultModel: string;
    models: { name: string; provider: string }[];
}

/** A chat summary of the live sidebar (`project_snapshot`, `chat_summary`): a chat view's figures by `chatId`. */
export type SidebarChat = Omit<ChatView, 'id' | 'projectId' | 'description' | 'cursor'> & { chatId: string };

export type StreamName = 'chat' | 'workspace' | 'lifecycle';

export interface Envelope {
    id: string;
    type: string;
    chatId: string;
    seq: number;
    turnId: string | null;
    at: string;
    payload: Record<string, unknown>;
}

export interface QueueEntry {
    turnId: string;
    text: string;
    position: number;
}

export interface SubscribedState {
    busy: boolean;
    runningTurnId: string | null;
    queue: QueueEntry[];
}

export type ServerFrame =
    | { type: 'subscribed'; chatId: string; afterSeq: number; latestSeq: number; state: SubscribedState }
    | { type: 'event'; stream: StreamName; event: Envelope }
    | { type: 'resync'; chatId: string; stream: StreamName; lastDeliveredSeq: number; nextSeq: number }
    | { type: 'unsubscribed'; chatId: string; reason?: string }
    | { type: 'accepted'; command: string; chatId: string; clientMessageId?: string; turnId?: string }
    | { type: 'project_snapshot'; projectId: string; chats: SidebarChat[]; truncated: boolean; partial?: boolean }
    | { type: 'chat_summary'; projectId: string; chat: SidebarChat }
    | { type: 'chat_removed'; projectId: string; chatId: string }
    | { type: 'project_unsubscribed'; projectId: string; reason?: string }
    | { type: 'inbox_subscribed' }
    | { type: 'inbox_unsubscribed' }
    | { type: 'attention'; chatId: string; kind: 'completed' | 'failed'; turnId: string; at: string; reason?: string }
    | { type: 'pong' }
    | { type: 'error'; code: string; message: string; field?: string; request?: string; chatId?: string;
        projectId?: string; clientMessageId?: string };

/** One commit of a chat's branch; turnId names the turn that made it, restoredFrom what a restore brought back. */
export interface CommitView {
    id: string;
    subject: string;
    message: string;
    turnId: string | null;
    restoredFrom: string | null;
    author: string;
    time: string;
}

/** A page of the commits the chat's branch has and the project's default branch has not, newest first. */
export interface CommitPage {
    branch: string;
    headCommit: string;
    defaultBranch: string;
    ahead: number;
    behind: number;
    commits: CommitView[];
    next: string | null;
}

export interface ChangedFile {
    path: string;
    change: 'ADD' | 'DELETE' | 'MODIFY' | 'RENAME' | 'COPY';
    oldPath: string | null;
}

export interface DiffPart {
    base: string;
    files: ChangedFile[];
    patch: string;
    truncated: boolean;
}

export interface WorkspaceDiff {
    branch: string;
    head: string;
    uncommitted: DiffPart;
    defaultBranch: string | null;
    againstDefault: DiffPart | null;
}

export interface RestoreResult {
    restored: boolean;
    branch: string;
    commit: string;
    restoredFrom: string;
    files: number;
}

/** A file that more than one chat of a project changed against the default branch. */
export interface FileConflict {
    path: string;
    chatIds: string[];
}

export interface BranchInfo {
    name: string;
    headCommit: string;
    lastCommitTime: string;
    isDefault: boolean;
}

export interface BranchListing {
    projectId: string;
    defaultBranch: string | null;
    branches: BranchInfo[];
    next: string | null;
}

export interface ConflictRadar {
    projectId: string;
    defaultBranch: string | null;
    chats: number;
    conflicts: FileConflict[];
}

/** What merging a chat's branch into the default branch did, or would do with dryRun. */
export interface MergeResult {
    outcome: 'merged' | 'up-to-date' | 'conflicts';
    branch: string;
    defaultBranch: string;
    fastForward: boolean;
    commit: string;
    dryRun: boolean;
    conflicts: string[];
}

export interface WorkspaceView {
    chatId: string;
    branch: string | null;
    headCommit: string | null;
    status: 'PENDING' | 'READY' | 'FAILED';
    failureReason?: string;
}

/** A project's GitHub repository, as connected; the token it was connected with is never part of it. */
export interface GitHubRemote {
    repository: string;
    defaultBranch: string;
    connectedAt: string;
}

export type PullRequestState = 'open' | 'closed' | 'merged';

/** A chat's pull request as last read from GitHub (checkedAt). */
export interface PullRequestView {
    repository: string;
    number: number;
    url: string;
    title: string;
    branch: string;
    baseBranch: string;
    state: PullRequestState;
    openedAt: string;
    checkedAt: string;
}

/** How a project's repository treats its chats; in a change, an absent field keeps its value. */
export interface WorkspaceSettings {
    keepBranchesOnDelete: boolean;
    closePullRequestsOnArchive: boolean;
}
