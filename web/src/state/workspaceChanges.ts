// What a chat's agent changed, shaped for the Changes panel: the unified patch split per file, and the words for a
// change and a commit. The server decides what changed; this only arranges it.

import type { ChangedFile, CommitView, ConflictRadar, FileConflict, MergeResult } from '../api/types';

/** One file's part of a unified patch. */
export interface FilePatch {
    path: string;
    text: string;
}

/**
 * Splits a patch as `git diff` writes it into the part of each file, in order. A file's part starts at its
 * `diff --git a/<old> b/<new>` line; its path is the new one.
 */
export function splitPatch(patch: string): FilePatch[] {
    const parts: FilePatch[] = [];
    let current: FilePatch | null = null;
    for (const line of patch.split('\n')) {
        const header = /^diff --git a\/(.*) b\/(.*)$/.exec(line);
        if (header) {
            current = { path: header[2], text: line };
            parts.push(current);
        } else if (current) {
            current.text += '\n' + line;
        }
    }
    for (const part of parts) {
        part.text = part.text.replace(/\n+$/, '');
    }
    return parts;
}

const CHANGE_WORDS: Record<ChangedFile['change'], string> = {
    ADD: 'added',
    DELETE: 'deleted',
    MODIFY: 'modified',
    RENAME: 'renamed',
    COPY: 'copied',
};

/** "modified", or "renamed from old/path". */
export function describeChange(file: ChangedFile): string {
    const word = CHANGE_WORDS[file.change] ?? file.change.toLowerCase();
    return file.oldPath && (file.change === 'RENAME' || file.change === 'COPY') ? `${word} from ${file.oldPath}` : word;
}

/** A commit in one line: its short id and subject, and what made it. */
export function describeCommit(commit: CommitView): string {
    const origin = commit.restoredFrom ? `restores ${commit.restoredFrom.slice(0, 7)}`
        : commit.turnId ? 'agent turn' : 'commit';
    return `${commit.id.slice(0, 7)} ${commit.subject} (${origin})`;
}

/** The files this chat changed that other chats of its project changed too, each with those other chats. */
export function sharedChanges(radar: ConflictRadar, chatId: string): FileConflict[] {
    return radar.conflicts
        .filter((conflict) => conflict.chatIds.includes(chatId))
        .map((conflict) => ({ path: conflict.path, chatIds: conflict.chatIds.filter((id) => id !== chatId) }));
}

/** What a merge did or would do, in a sentence. */
export function describeMerge(result: MergeResult): string {
    switch (result.outcome) {
        case 'up-to-date':
            return `${result.defaultBranch} already has all of this chat's work.`;
        case 'conflicts':
            return `${result.conflicts.length} file${result.conflicts.length === 1 ? '' : 's'} conflict with `
                + `${result.defaultBranch}: ${result.conflicts.join(', ')}. Nothing was merged.`;
        default: {
            const how = result.fastForward ? 'as a fast-forward' : 'with a merge commit';
            return result.dryRun ? `The chat's work can be merged into ${result.defaultBranch} ${how}.`
                : `Merged into ${result.defaultBranch} ${how} (${result.commit.slice(0, 7)}).`;
        }
    }
}

/** How far the chat's branch and the default branch have moved apart, in words. */
export function describeDistance(ahead: number, behind: number, defaultBranch: string): string {
    const parts = [`${ahead} commit${ahead === 1 ? '' : 's'} ahead of ${defaultBranch}`];
    if (behind > 0) {
        parts.push(`${behind} behind`);
    }
    return parts.join(', ');
}
