import { describe, expect, it } from 'vitest';

import type { SidebarChat } from '../api/types';
import { applyRemoval, applySummary, chatViewOf, fromSnapshot, groups, visibleWindow } from './sidebar';

function chat(id: string, changes: Partial<SidebarChat> = {}): SidebarChat {
    return { chatId: id, title: id, model: 'offline', status: 'active', pinned: false, isDefault: false, busy: false,
        messageCount: 0, unread: 0, lastActivityAt: '2026-12-06T10:00:00Z', lifecycleSeq: 1, ...changes };
}

describe('sidebar', () => {
    it('groups pinned, active and archived chats, most recent first', () => {
        const state = fromSnapshot('p', [
            chat('a', { lastActivityAt: '2026-12-06T10:00:01Z' }),
            chat('b', { pinned: true }),
            chat('c', { status: 'archived', pinned: true }),
            chat('d', { lastActivityAt: '2026-12-06T10:00:05Z', status: 'completed' }),
        ], false);
        const g = groups(state);
        expect(g.pinned.map((c) => c.chatId)).toEqual(['b']);
        expect(g.active.map((c) => c.chatId)).toEqual(['d', 'a']);
        expect(g.archived.map((c) => c.chatId)).toEqual(['c']);
    });

    it('never lets an older summary overwrite a newer one', () => {
        const state = fromSnapshot('p', [chat('a', { title: 'new', lifecycleSeq: 5 })], false);
        expect(applySummary(state, chat('a', { title: 'old', lifecycleSeq: 4 })).chats.get('a')!.title).toBe('new');
        expect(applySummary(state, chat('a', { title: 'newer', lifecycleSeq: 6 })).chats.get('a')!.title).toBe('newer');
        expect(applySummary(state, chat('b')).chats.size).toBe(2);
    });

    it('turns a summary into a chat view by the same rule, keeping what only REST knows', () => {
        const known = { ...chatViewOf(undefined, chat('a', { title: 'rest', lifecycleSeq: 5 }), 'p'),
            description: 'from REST', cursor: 'c' };
        expect(chatViewOf(known, chat('a', { title: 'old', lifecycleSeq: 4 }), 'p')).toBe(known);
        expect(chatViewOf(known, chat('a', { title: 'new', lifecycleSeq: 6 }), 'p')).toMatchObject(
            { id: 'a', projectId: 'p', title: 'new', description: 'from REST', cursor: 'c', lifecycleSeq: 6 });
    });

    it('removes a deleted chat', () => {
        const state = fromSnapshot('p', [chat('a'), chat('b')], false);
        expect([...applyRemoval(state, 'a').chats.keys()]).toEqual(['b']);
        expect(applyRemoval(state, 'x')).toBe(state);
    });

    it('renders only the rows in view, whatever the number of chats', () => {
        expect(visibleWindow(1000, 44, 0, 440)).toEqual({ first: 0, last: 15 });
        expect(visibleWindow(1000, 44, 44 * 500, 440)).toEqual({ first: 495, last: 515 });
        expect(visibleWindow(1000, 44, 44 * 995, 440)).toEqual({ first: 990, last: 999 });
        expect(visibleWindow(0, 44, 0, 440)).toEqual({ first: 0, last: -1 });
    });
});
