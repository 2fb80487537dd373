// The live sidebar of one project: the snapshot, then summaries and removals. Of two summaries of one chat
// the one with the higher lifecycleSeq is the newer (docs/websocket.md), so a late REST answer never
// overwrites a newer frame.

import type { ChatView, SidebarChat } from '../api/types';

export interface SidebarState {
    projectId: string;
    chats: Map<string, SidebarChat>;
    truncated: boolean;
}

export function emptySidebar(projectId: string): SidebarState {
    return { projectId, chats: new Map(), truncated: false };
}

export function fromSnapshot(projectId: string, chats: SidebarChat[], truncated: boolean): SidebarState {
    return { projectId, chats: new Map(chats.map((c) => [c.chatId, c])), truncated };
}

/**
 * Whether what is known of a chat is newer than what came in: of two views of one chat the higher lifecycleSeq is
 * the newer; an equal one is the same change read again and may replace it.
 */
export function isStale(known: { lifecycleSeq: number } | undefined, incoming: { lifecycleSeq: number }): boolean {
    return known !== undefined && known.lifecycleSeq > incoming.lifecycleSeq;
}

export function applySummary(state: SidebarState, chat: SidebarChat): SidebarState {
    if (isStale(state.chats.get(chat.chatId), chat)) {
        return state;
    }
    const chats = new Map(state.chats);
    chats.set(chat.chatId, chat);
    return { ...state, chats };
}

export function applyRemoval(state: SidebarState, chatId: string): SidebarState {
    if (!state.chats.has(chatId)) {
        return state;
    }
    const chats = new Map(state.chats);
    chats.delete(chatId);
    return { ...state, chats };
}

/** A chat as REST answered it (after a rename, say), merged by the same rule. */
export function summaryOf(chat: ChatView): SidebarChat {
    return {
        chatId: chat.id, title: chat.title, model: chat.model, status: chat.status, pinned: chat.pinned,
        isDefault: chat.isDefault, busy: chat.busy, messageCount: chat.messageCount, unread: chat.unread,
        lastActivityAt: chat.lastActivityAt, lifecycleSeq: chat.lifecycleSeq,
    };
}

/** A sidebar summary as a chat view (the fields REST alone has are kept from what was known), unless stale. */
export function chatViewOf(known: ChatView | undefined, summary: SidebarChat, projectId: string): ChatView {
    if (isStale(known, summary)) {
        return known!;
    }
    const { chatId, ...figures } = summary;
    return { ...figures, id: chatId, projectId, description: known?.description ?? null, cursor: known?.cursor ?? '' };
}

export interface SidebarGroups {
    pinned: SidebarChat[];
    active: SidebarChat[];
    archived: SidebarChat[];
}

function byActivity(a: SidebarChat, b: SidebarChat): number {
    return b.lastActivityAt.localeCompare(a.lastActivityAt) || a.chatId.localeCompare(b.chatId);
}

/** Pinned (not archived), then active and completed, then archived; most recent activity first in each. */
export function groups(state: SidebarState): SidebarGroups {
    const all = [...state.chats.values()].sort(byActivity);
    return {
        pinned: all.filter((c) => c.pinned && c.status !== 'archived'),
        active: all.filter((c) => !c.pinned && c.status !== 'archived'),
        archived: all.filter((c) => c.status === 'archived'),
    };
}

/** Rows of a virtual list: only those in the visible window are rendered. */
export function visibleWindow(rowCount: number, rowHeight: number, scrollTop: number, viewportHeight: number,
    overscan = 5): { first: number; last: number } {
    if (rowCount === 0 || rowHeight <= 0) {
        return { first: 0, last: -1 };
    }
    const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
    const last = Math.min(rowCount - 1, Math.ceil((scrollTop + viewportHeight) / rowHeight) + overscan);
    return { first, last };
}
