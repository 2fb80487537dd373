import { describe, expect, it } from 'vitest';

import {
    describeChange, describeCommit, describeDistance, describeMerge, sharedChanges, splitPatch,
} from './workspaceChanges';

describe('splitPatch', () => {
    it('gives each file its part of the patch, in order', () => {
        const patch = [
            'diff --git a/plan.md b/plan.md',
            'new file mode 100644',
            '--- /dev/null',
            '+++ b/plan.md',
            '@@ -0,0 +1 @@',
            '+step one',
            'diff --git a/old name.txt b/new name.txt',
            'similarity index 100%',
            'rename from old name.txt',
            'rename to new name.txt',
            '',
        ].join('\n');
        const parts = splitPatch(patch);
        expect(parts.map((p) => p.path)).toEqual(['plan.md', 'new name.txt']);
        expect(parts[0].text).toContain('+step one');
        expect(parts[0].text).not.toContain('rename');
        expect(parts[1].text.endsWith('rename to new name.txt')).toBe(true);
    });

    it('is empty for an empty patch and ignores text before the first file', () => {
        expect(splitPatch('')).toEqual([]);
        expect(splitPatch('noise\n')).toEqual([]);
    });
});

describe('sharedChanges', () => {
    it('keeps the files this chat shares with others, naming only the others', () => {
        const radar = { projectId: 'p', defaultBranch: 'main', chats: 3, conflicts: [
            { path: 'a.txt', chatIds: ['me', 'other'] },
            { path: 'b.txt', chatIds: ['other', 'third'] },
            { path: 'c.txt', chatIds: ['third', 'me', 'other'] },
        ] };
        expect(sharedChanges(radar, 'me')).toEqual([
            { path: 'a.txt', chatIds: ['other'] },
            { path: 'c.txt', chatIds: ['third', 'other'] },
        ]);
        expect(sharedChanges(radar, 'nobody')).toEqual([]);
    });
});

describe('describing a merge', () => {
    const base = { branch: 'switchboard/c', defaultBranch: 'main', commit: 'abcdef0123', conflicts: [] as string[] };
    it('says how it merged, or would', () => {
        expect(describeMerge({ ...base, outcome: 'merged', fastForward: true, dryRun: true }))
            .toBe("The chat's work can be merged into main as a fast-forward.");
        expect(describeMerge({ ...base, outcome: 'merged', fastForward: false, dryRun: false }))
            .toBe('Merged into main with a merge commit (abcdef0).');
        expect(describeMerge({ ...base, outcome: 'up-to-date', fastForward: false, dryRun: false }))
            .toBe("main already has all of this chat's work.");
    });

    it('lists the conflicting files', () => {
        expect(describeMerge({ ...base, outcome: 'conflicts', fastForward: false, dryRun: false,
            conflicts: ['a.txt', 'b.txt'] })).toBe('2 files conflict with main: a.txt, b.txt. Nothing was merged.');
    });
});

describe('describing changes and commits', () => {
    it('names the change, and where a renamed file came from', () => {
        expect(describeChange({ path: 'a', change: 'MODIFY', oldPath: null })).toBe('modified');
        expect(describeChange({ path: 'b', change: 'RENAME', oldPath: 'a' })).toBe('renamed from a');
        expect(describeChange({ path: 'b', change: 'ADD', oldPath: null })).toBe('added');
    });

    it('tells agent turns from restores', () => {
        const base = { id: 'abcdef0123456789', subject: 'Plan', message: 'Plan', author: 'Switchboard',
            time: '2026-12-07T00:00:00Z' };
        expect(describeCommit({ ...base, turnId: 't', restoredFrom: null })).toBe('abcdef0 Plan (agent turn)');
        expect(describeCommit({ ...base, turnId: null, restoredFrom: '1234567890' }))
            .toBe('abcdef0 Plan (restores 1234567)');
    });

    it('says how far the branches are apart', () => {
        expect(describeDistance(1, 0, 'main')).toBe('1 commit ahead of main');
        expect(describeDistance(3, 2, 'main')).toBe('3 commits ahead of main, 2 behind');
    });
});
