import type { BranchListing } from '../api/types';

/** The branches a new chat may start from besides the default one, which the dialog offers first on its own. */
export function startingBranches(listing: BranchListing): string[] {
    return listing.branches.filter((branch) => !branch.isDefault).map((branch) => branch.name);
}
