import { describe, expect, it } from 'vitest';

import type { Envelope, PullRequestView } from '../api/types';
import { ApiError } from '../api/http';
import { afterRead, applyPullRequestEvent, canOpenPullRequest, describePullRequest, pullRequestToVisit }
    from './pullRequest';

function event(type: string, payload: Record<string, unknown>, at = '2026-12-07T10:00:00Z', seq = 1): Envelope {
    return { id: `e-${seq}`, type, chatId: 'c', seq, turnId: null, at, payload };
}

const opened = (number: number, repository = 'acme/app', at = '2026-12-07T10:00:00Z') =>
    event('PullRequestOpened', { projectId: 'p', repository, number,
        url: `https://github.com/${repository}/pull/${number}`, title: `Change ${number}`,
        branch: 'switchboard/fix-login', baseBranch: 'main' }, at);

const updated = (number: number, state: string, previousState: string, at = '2026-12-07T11:00:00Z',
    repository = 'acme/app') =>
    event('PullRequestUpdated', { projectId: 'p', repository, number,
        url: `https://github.com/${repository}/pull/${number}`, state, previousState }, at);

const shown: PullRequestView = {
    repository: 'acme/app', number: 7, url: 'https://github.com/acme/app/pull/7', title: 'Fix the login form',
    branch: 'switchboard/fix-login', baseBranch: 'main', state: 'open', openedAt: '2026-12-07T09:00:00Z',
    checkedAt: '2026-12-07T09:30:00Z',
};

describe('applyPullRequestEvent', () => {
    it('sets the pull request an opened event announces, open', () => {
        expect(applyPullRequestEvent(null, opened(7))).toEqual({
            repository: 'acme/app', number: 7, url: 'https://github.com/acme/app/pull/7', title: 'Change 7',
            branch: 'switchboard/fix-login', baseBranch: 'main', state: 'open',
            openedAt: '2026-12-07T10:00:00Z', checkedAt: '2026-12-07T10:00:00Z',
        });
    });

    it('replaces a closed or merged one by a newer one, and keeps the one shown when it is announced again', () => {
        const merged = { ...shown, state: 'merged' as const };
        expect(applyPullRequestEvent(merged, opened(9))?.number).toBe(9);
        expect(applyPullRequestEvent(merged, opened(9))?.state).toBe('open');
        expect(applyPullRequestEvent(merged, opened(7))).toBe(merged);
        expect(applyPullRequestEvent(merged, opened(3))).toBe(merged);
        // another repository (the project connected to another one) has numbers of its own
        expect(applyPullRequestEvent(merged, opened(2, 'acme/other'))?.repository).toBe('acme/other');
    });

    it('changes the state of the same pull request only', () => {
        const after = applyPullRequestEvent(shown, updated(7, 'merged', 'open'));
        expect(after).toEqual({ ...shown, state: 'merged', checkedAt: '2026-12-07T11:00:00Z' });
        expect(applyPullRequestEvent(after, updated(7, 'open', 'closed', '2026-12-07T12:00:00Z'))?.state)
            .toBe('open');
    });

    it('ignores an update of an older or another pull request', () => {
        expect(applyPullRequestEvent(shown, updated(6, 'closed', 'open'))).toBe(shown);
        expect(applyPullRequestEvent(shown, updated(8, 'merged', 'open'))).toBe(shown);
        expect(applyPullRequestEvent(shown, updated(7, 'merged', 'open', undefined, 'acme/other'))).toBe(shown);
        expect(applyPullRequestEvent(null, updated(7, 'merged', 'open'))).toBeNull();
    });

    it('ignores an update older than the state last read from GitHub', () => {
        const read = { ...shown, state: 'merged' as const, checkedAt: '2026-12-07T12:00:00Z' };
        expect(applyPullRequestEvent(read, updated(7, 'closed', 'open', '2026-12-07T11:59:59.999Z'))).toBe(read);
    });

    it('ignores events it does not know and payloads that are not what they say', () => {
        expect(applyPullRequestEvent(shown, event('Committed', { commit: 'abc', files: 1 }))).toBe(shown);
        expect(applyPullRequestEvent(null, event('ConflictsChanged', { files: [] }))).toBeNull();
        expect(applyPullRequestEvent(shown, updated(7, 'reopened-somehow', 'open'))).toBe(shown);
        expect(applyPullRequestEvent(null, event('PullRequestOpened', { number: '7' }))).toBeNull();
    });
});

describe('afterRead', () => {
    it('shows what was read unless an event meanwhile announced something newer', () => {
        expect(afterRead(null, shown)).toBe(shown);
        const older = { ...shown, number: 6, state: 'closed' as const };
        expect(afterRead(older, shown)).toBe(shown);
        const newer = { ...shown, number: 8 };
        expect(afterRead(newer, shown)).toBe(newer);
        const merged = { ...shown, state: 'merged' as const, checkedAt: '2026-12-07T10:00:00Z' };
        expect(afterRead(merged, shown)).toBe(merged);
        expect(afterRead({ ...shown, checkedAt: '2026-12-07T09:00:00Z' }, shown)).toBe(shown);
        expect(afterRead({ ...newer, repository: 'acme/other' }, shown)).toBe(shown);
    });
});

describe('offering a pull request', () => {
    it('offers one when there is none or the last one is closed or merged', () => {
        expect(canOpenPullRequest(null)).toBe(true);
        expect(canOpenPullRequest(shown)).toBe(false);
        expect(canOpenPullRequest({ ...shown, state: 'closed' })).toBe(true);
        expect(canOpenPullRequest({ ...shown, state: 'merged' })).toBe(true);
    });

    it('names it by number and title', () => {
        expect(describePullRequest(shown)).toBe('#7 Fix the login form');
    });
});

describe('the top bar pull-request button', () => {
    const view = (number: number, state: 'open' | 'closed' | 'merged'): PullRequestView => ({
        repository: 'acme/app', number, url: `https://github.com/acme/app/pull/${number}`, title: 'T',
        branch: 'switchboard/t', baseBranch: 'main', state, openedAt: '2026-12-07T10:00:00Z',
        checkedAt: '2026-12-07T10:00:00Z' });

    function calls(read: () => Promise<PullRequestView>) {
        const opened: string[] = [];
        return {
            opened,
            pullRequest: () => read(),
            openPullRequest: async (_chat: string, title: string) => {
                opened.push(title);
                return view(9, 'open');
            },
        };
    }

    it('takes the user to the open pull request without opening another', async () => {
        const api = calls(async () => view(3, 'open'));
        expect((await pullRequestToVisit(api, 'c', 'Fix')).number).toBe(3);
        expect(api.opened).toEqual([]);
    });

    it('opens one with the chat title when there is none or the last one is merged', async () => {
        const none = calls(async () => { throw new ApiError(404, 'Not found', 'none', null); });
        expect((await pullRequestToVisit(none, 'c', 'Fix the form')).number).toBe(9);
        expect(none.opened).toEqual(['Fix the form']);
        const merged = calls(async () => view(3, 'merged'));
        expect((await pullRequestToVisit(merged, 'c', 'Again')).number).toBe(9);
        expect(merged.opened).toEqual(['Again']);
    });

    it('passes any other failure on, with the server reason', async () => {
        const down = calls(async () => { throw new ApiError(502, 'Bad gateway', 'GitHub did not answer', null); });
        await expect(pullRequestToVisit(down, 'c', 'Fix')).rejects.toThrow('GitHub did not answer');
        expect(down.opened).toEqual([]);
    });
});
