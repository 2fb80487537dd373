import { useEffect, useState } from 'react';

import { ApiError, api } from '../api/http';
import type { CommitPage, CommitView, Envelope, FileConflict, MergeResult, WorkspaceDiff } from '../api/types';
import {
    describeChange, describeCommit, describeDistance, describeMerge, sharedChanges, splitPatch,
} from '../state/workspaceChanges';
import { Dialog } from './Dialog';
import { PullRequestSection } from './PullRequestSection';

interface WorkspacePanelProps {
    chatId: string;
    projectId: string | null;
    title: string;
    /** The chat's title when the pane knows it (a new pull request's title starts as it). */
    chatTitle: string | null;
    /** Grows whenever the chat's workspace stream says something changed: the panel reads again. */
    changes: number;
    canRestore: boolean;
    onOpenChat(chatId: string): void;
    /** Follows the chat's workspace events one by one (the pull request shown changes with them). */
    onWorkspaceEvent(listener: (event: Envelope) => void): () => void;
}

/**
 * What the chat's agent changed against the default branch, its commits, going back to one of them, and its pull
 * request.
 */
export function WorkspacePanel(props: WorkspacePanelProps) {
    const { chatId, projectId, title, changes, canRestore, onOpenChat } = props;
    const [page, setPage] = useState<CommitPage | null>(null);
    const [diff, setDiff] = useState<WorkspaceDiff | null>(null);
    const [error, setError] = useState<string | null>(null);
    const [restoring, setRestoring] = useState<CommitView | null>(null);
    const [merging, setMerging] = useState<MergeResult | null>(null);
    const [merged, setMerged] = useState<string | null>(null);
    const [shared, setShared] = useState<FileConflict[]>([]);

    useEffect(() => {
        let alive = true;
        Promise.all([api.commits(chatId), api.diff(chatId)])
            .then(([commits, changed]) => {
                if (alive) {
                    setPage(commits);
                    setDiff(changed);
                    setError(null);
                }
            })
            .catch((e: unknown) => alive && setError(message(e)));
        // The conflict radar: a warning only, so a failure to read it says nothing.
        if (projectId) {
            api.conflicts(projectId).then((radar) => alive && setShared(sharedChanges(radar, chatId)))
                .catch(() => undefined);
        }
        return () => {
            alive = false;
        };
    }, [chatId, projectId, changes]);

    const restore = async (commit: CommitView) => {
        setRestoring(null);
        try {
            await api.restoreCheckpoint(chatId, commit.id);
            // The Reverted event on the chat's workspace stream makes the panel read again.
        } catch (e) {
            setError(message(e));
        }
    };

    // A dry run first: the dialog says what the merge would do, or which files conflict.
    const previewMerge = async () => {
        setMerged(null);
        try {
            setMerging(await api.merge(chatId, true));
        } catch (e) {
            setError(message(e));
        }
    };
    const merge = async () => {
        setMerging(null);
        try {
            const result = await api.merge(chatId, false);
            setMerged(describeMerge(result));
            const [commits, changed] = await Promise.all([api.commits(chatId), api.diff(chatId)]);
            setPage(commits);
            setDiff(changed);
        } catch (e) {
            setError(message(e));
        }
    };

    const branch = diff?.againstDefault;
    return (
        <section className="workspace-panel" aria-label={`Changes of ${title}`}>
            {error && <p className="error" role="alert">{error}</p>}
            {page && (
                <div className="distance-row">
                    <p className="distance">{describeDistance(page.ahead, page.behind, page.defaultBranch)}</p>
                    {canRestore && page.ahead > 0 &&
                        <button onClick={previewMerge}>Merge into {page.defaultBranch}</button>}
                </div>
            )}
            {merged && <p className="notice" role="status">{merged}</p>}
            <PullRequestSection chatId={chatId} projectId={projectId} chatTitle={props.chatTitle}
                canEdit={canRestore} onWorkspaceEvent={props.onWorkspaceEvent} />
            {shared.length > 0 && (
                <div className="shared-changes" role="note">
                    <h3>Also changed in other chats</h3>
                    <ul>
                        {shared.map((conflict) => (
                            <li key={conflict.path}><code>{conflict.path}</code>{' '}
                                {conflict.chatIds.map((other, i) => (
                                    <button key={other} className="link" onClick={() => onOpenChat(other)}>
                                        other chat {i + 1}
                                    </button>
                                ))}
                            </li>
                        ))}
                    </ul>
                </div>
            )}
            {diff && diff.uncommitted.files.length > 0 &&
                <p className="notice">{diff.uncommitted.files.length} uncommitted change(s): a turn is at work.</p>}
            {branch && (
                <>
                    <h3>Changed files</h3>
                    {branch.files.length === 0 ? <p className="empty">No changes against {diff?.defaultBranch}.</p> : (
                        <ul className="changed-files">
                            {branch.files.map((file) => {
                                const part = splitPatch(branch.patch).find((p) => p.path === file.path);
                                return (
                                    <li key={file.path} data-change={file.change}>
                                        <details>
                                            <summary><code>{file.path}</code> {describeChange(file)}</summary>
                                            {part ? <pre className="patch">{part.text}</pre>
                                                : <p className="empty">The patch is too large to show here.</p>}
                                        </details>
                                    </li>
                                );
                            })}
                        </ul>
                    )}
                    {branch.truncated && <p className="notice">The patch was cut at the server's limit.</p>}
                </>
            )}
            {page && page.commits.length > 0 && (
                <>
                    <h3>Commits</h3>
                    <ol className="commits">
                        {page.commits.map((commit, index) => (
                            <li key={commit.id} data-commit={commit.id}>
                                <span>{describeCommit(commit)}</span>
                                {canRestore && index > 0 &&
                                    <button onClick={() => setRestoring(commit)}
                                        aria-label={`Restore ${commit.id.slice(0, 7)}`}>Restore</button>}
                            </li>
                        ))}
                    </ol>
                </>
            )}
            {merging && (merging.outcome === 'merged' ? (
                <Dialog title={`Merge into ${merging.defaultBranch}?`} confirm="Merge" onConfirm={merge}
                    onCancel={() => setMerging(null)}>
                    <p>{describeMerge(merging)}</p>
                </Dialog>
            ) : (
                <Dialog title="Nothing to merge" confirm="OK" onConfirm={() => setMerging(null)}
                    onCancel={() => setMerging(null)}>
                    <p>{describeMerge(merging)}</p>
                    {merging.conflicts.length > 0 &&
                        <ul className="conflicts">{merging.conflicts.map((path) => <li key={path}><code>{path}</code></li>)}</ul>}
                </Dialog>
            ))}
            {restoring && (
                <Dialog title="Restore this checkpoint?" confirm="Restore" onConfirm={() => restore(restoring)}
                    onCancel={() => setRestoring(null)}>
                    <p>The files of {describeCommit(restoring)} come back as a new commit. Later commits stay in the
                        history, so this can be undone the same way.</p>
                </Dialog>
            )}
        </section>
    );
}

function message(e: unknown): string {
    if (e instanceof ApiError) {
        return e.detail ?? e.title;
    }
    return 'The changes could not be loaded.';
}
