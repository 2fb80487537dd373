package io.switchboard.workspace.git;

import io.switchboard.kit.problem.ProblemException;

/** The {@code limit} of a paged listing: absent means the listing's default, out of range is a bad request. */
final class PageSizes {

    private PageSizes() {
    }

    static int valid(Integer limit, int defaultLimit, int maxLimit) {
        if (limit == null) {
            return defaultLimit;
        }
        if (limit < 1 || limit > maxLimit) {
            throw ProblemException.badRequest("limit must be between 1 and " + maxLimit);
        }
        return limit;
    }
}
