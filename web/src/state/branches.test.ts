import { describe, expect, it } from 'vitest';

import { startingBranches } from './branches';

describe('startingBranches', () => {
    it('offers every branch but the default one, in the order the server lists them', () => {
        const branch = (name: string, isDefault = false) =>
            ({ name, headCommit: 'c', lastCommitTime: '2026-12-07T00:00:00Z', isDefault });
        expect(startingBranches({
            projectId: 'p', defaultBranch: 'trunk', next: null,
            branches: [branch('feature'), branch('switchboard/plan-1234'), branch('trunk', true)],
        })).toEqual(['feature', 'switchboard/plan-1234']);
    });
});
