// A chat's pull request as the Changes panel shows it, kept current from the chat's workspace stream:
// `PullRequestOpened` and `PullRequestUpdated` change it in place, so the panel need not read it again. GitHub and
// the server decide what the pull request is; this only follows what they announced.

import { ApiError } from '../api/http';
import type { Envelope, PullRequestState, PullRequestView } from '../api/types';

const STATES: readonly string[] = ['open', 'closed', 'merged'];

/**
 * The pull request after one event of the chat's workspace stream. An opened one replaces the one shown unless it
 * is that one or an older one of the same repository (an event seen again); an update changes the state of the
 * one shown only, and only when it is not older than the state last read from GitHub (`checkedAt`). Any other
 * event leaves it as it was.
 */
export function applyPullRequestEvent(current: PullRequestView | null, event: Envelope): PullRequestView | null {
    const p = event.payload;
    switch (event.type) {
        case 'PullRequestOpened': {
            if (typeof p.repository !== 'string' || typeof p.number !== 'number' || typeof p.url !== 'string') {
                return current;
            }
            if (current && current.repository === p.repository && current.number >= p.number) {
                return current;
            }
            return {
                repository: p.repository,
                number: p.number,
                url: p.url,
                title: typeof p.title === 'string' ? p.title : '',
                branch: typeof p.branch === 'string' ? p.branch : '',
                baseBranch: typeof p.baseBranch === 'string' ? p.baseBranch : '',
                state: 'open',
                openedAt: event.at,
                checkedAt: event.at,
            };
        }
        case 'PullRequestUpdated': {
            if (!current || p.repository !== current.repository || p.number !== current.number
                || typeof p.state !== 'string' || !STATES.includes(p.state)) {
                return current;
            }
            if (Date.parse(event.at) < Date.parse(current.checkedAt)) {
                return current;
            }
            return {
                ...current,
                state: p.state as PullRequestState,
                url: typeof p.url === 'string' ? p.url : current.url,
                checkedAt: event.at,
            };
        }
        default:
            return current;
    }
}

/**
 * What to show once the pull request was read from the server: what was read, unless an event that came while it was
 * being read announced something newer (a later pull request of the same repository, or a later state of this one).
 */
export function afterRead(shown: PullRequestView | null, read: PullRequestView): PullRequestView {
    if (shown && shown.repository === read.repository && (shown.number > read.number
        || shown.number === read.number && Date.parse(shown.checkedAt) > Date.parse(read.checkedAt))) {
        return shown;
    }
    return read;
}

/** Whether the chat may be offered to open a pull request: it has none, or its last one is closed or merged. */
export function canOpenPullRequest(current: PullRequestView | null): boolean {
    return current === null || current.state !== 'open';
}

/** "#12 Fix the login form". */
export function describePullRequest(pullRequest: PullRequestView): string {
    return `#${pullRequest.number} ${pullRequest.title}`;
}

/** The two calls the top bar's pull-request button needs; the app passes its API client. */
export interface PullRequestCalls {
    pullRequest(chatId: string): Promise<PullRequestView>;
    openPullRequest(chatId: string, title: string, body: string | null): Promise<PullRequestView>;
}

/**
 * The pull request the top bar's button takes the user to: the chat's open one, else a new one opened with the
 * chat's title (the server refuses it, with its reason, when the project has no GitHub repository). A failure of
 * the first read other than "none yet" (404) is the answer.
 */
export async function pullRequestToVisit(calls: PullRequestCalls, chatId: string, title: string):
    Promise<PullRequestView> {
    let current: PullRequestView | null = null;
    try {
        current = await calls.pullRequest(chatId);
    } catch (e) {
        if (!(e instanceof ApiError) || e.status !== 404) {
            throw e;
        }
    }
    if (current && !canOpenPullRequest(current)) {
        return current;
    }
    return calls.openPullRequest(chatId, title, null);
}
