import { type FormEvent, useEffect, useRef, useState } from 'react';

import { ApiError, api } from '../api/http';
import type { Envelope, GitHubRemote, PullRequestView } from '../api/types';
import { afterRead, applyPullRequestEvent, canOpenPullRequest, describePullRequest } from '../state/pullRequest';
import { Dialog } from './Dialog';

interface PullRequestSectionProps {
    chatId: string;
    projectId: string | null;
    /** The chat's title when the pane knows it: the new pull request's title to start from. */
    chatTitle: string | null;
    canEdit: boolean;
    onWorkspaceEvent(listener: (event: Envelope) => void): () => void;
}

interface Opening {
    title: string;
    body: string;
    error: string | null;
}

/**
 * The chat's pull request on the project's GitHub repository: its number, title and state, kept current from the
 * chat's workspace stream; opening one; or connecting the project to GitHub first.
 */
export function PullRequestSection({ chatId, projectId, chatTitle, canEdit, onWorkspaceEvent }:
    PullRequestSectionProps) {
    // undefined: not read (yet, or the read failed); null: the project has no GitHub repository
    const [remote, setRemote] = useState<GitHubRemote | null | undefined>(undefined);
    const [pullRequest, setPullRequest] = useState<PullRequestView | null>(null);
    const [error, setError] = useState<string | null>(null);
    const [opening, setOpening] = useState<Opening | null>(null);
    const [busy, setBusy] = useState(false);

    useEffect(() => {
        let alive = true;
        setPullRequest(null);
        api.pullRequest(chatId)
            .then((read) => alive && setPullRequest((shown) => afterRead(shown, read)))
            // none yet: a PullRequestOpened event may have set one meanwhile, which stays
            .catch((e: unknown) => alive && !isNotFound(e) && setError(message(e)));
        return () => {
            alive = false;
        };
    }, [chatId]);

    useEffect(() => {
        let alive = true;
        setRemote(undefined);
        if (projectId) {
            api.github(projectId).then((read) => alive && setRemote(read))
                .catch((e: unknown) => alive && (isNotFound(e) ? setRemote(null) : setError(message(e))));
        }
        return () => {
            alive = false;
        };
    }, [projectId]);

    useEffect(() => onWorkspaceEvent((event) => {
        if (event.chatId === chatId) {
            setPullRequest((shown) => applyPullRequestEvent(shown, event));
        }
    }), [onWorkspaceEvent, chatId]);

    const refresh = async () => {
        setBusy(true);
        try {
            setPullRequest(await api.refreshPullRequest(chatId));
            setError(null);
        } catch (e) {
            setError(message(e));
        } finally {
            setBusy(false);
        }
    };

    const open = async (asked: Opening) => {
        if (busy) {
            return;
        }
        setBusy(true);
        try {
            setPullRequest(await api.openPullRequest(chatId, asked.title, asked.body.trim() || null));
            setOpening(null);
            setError(null);
        } catch (e) {
            setOpening({ ...asked, error: message(e) });
            if (e instanceof ApiError && e.problemType?.endsWith(':no-github-repository')) {
                setRemote(null);
            }
        } finally {
            setBusy(false);
        }
    };

    return (
        <section className="pull-request" aria-label="Pull request">
            <h3>Pull request</h3>
            {error && <p className="error" role="alert">{error}</p>}
            {pullRequest && (
                <div className="pull-request-row">
                    <a href={pullRequest.url} target="_blank" rel="noopener noreferrer"
                        title={`${pullRequest.repository}: ${pullRequest.branch} into ${pullRequest.baseBranch}`}>
                        {describePullRequest(pullRequest)}
                    </a>
                    <span className={`pr-state pr-${pullRequest.state}`}>{pullRequest.state}</span>
                    <button onClick={refresh} disabled={busy}>Refresh</button>
                </div>
            )}
            {remote === null && projectId && (canEdit ? <ConnectGitHub projectId={projectId} onConnected={setRemote} />
                : <p className="empty">This project is not connected to a GitHub repository.</p>)}
            {remote && !pullRequest && <p className="empty">None yet on {remote.repository}.</p>}
            {remote && canEdit && canOpenPullRequest(pullRequest) && (
                <button onClick={() => setOpening({ title: chatTitle ?? '', body: '', error: null })}>
                    Open pull request
                </button>
            )}
            {opening && (
                <Dialog title="Open pull request" confirm="Open" onConfirm={() => open(opening)}
                    onCancel={() => setOpening(null)}>
                    <label>Title <input value={opening.title} required
                        onChange={(e) => setOpening({ ...opening, title: e.target.value })} /></label>
                    <label>Description (optional) <textarea value={opening.body} rows={5}
                        onChange={(e) => setOpening({ ...opening, body: e.target.value })} /></label>
                    {opening.error && <p className="error" role="alert">{opening.error}</p>}
                </Dialog>
            )}
        </section>
    );
}

interface ConnectGitHubProps {
    projectId: string;
    onConnected(remote: GitHubRemote): void;
}

/**
 * Connects the project to a GitHub repository. The token is read from its field when the form is sent and the
 * field is emptied once the server answered: it is never held in the app's state.
 */
function ConnectGitHub({ projectId, onConnected }: ConnectGitHubProps) {
    const [repository, setRepository] = useState('');
    const [error, setError] = useState<string | null>(null);
    const [busy, setBusy] = useState(false);
    const tokenField = useRef<HTMLInputElement>(null);

    const connect = async (e: FormEvent) => {
        e.preventDefault();
        const field = tokenField.current;
        if (!field || busy) {
            return;
        }
        setBusy(true);
        try {
            const connected = await api.connectGitHub(projectId, repository.trim(), field.value);
            field.value = '';
            onConnected(connected);
        } catch (failure) {
            field.value = '';
            setError(message(failure));
        } finally {
            setBusy(false);
        }
    };

    return (
        <form className="connect-github" aria-label="Connect GitHub" onSubmit={connect}>
            <p>Connect this project to a GitHub repository to open pull requests from its chats.</p>
            <label>Repository <input value={repository} required placeholder="owner/name" spellCheck={false}
                onChange={(e) => setRepository(e.target.value)} /></label>
            <label>Token <input ref={tokenField} type="password" required autoComplete="off" /></label>
            <button type="submit" disabled={busy}>Connect GitHub</button>
            {error && <p className="error" role="alert">{error}</p>}
        </form>
    );
}

function isNotFound(e: unknown): boolean {
    return e instanceof ApiError && e.status === 404;
}

function message(e: unknown): string {
    if (e instanceof ApiError) {
        return e.detail ?? e.title;
    }
    return 'The server could not be reached.';
}
