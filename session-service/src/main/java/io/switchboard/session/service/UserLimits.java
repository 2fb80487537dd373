package io.switchboard.session.service;

import io.switchboard.kit.problem.ProblemException;

/** The problem a user meets at one of the configured limits of their own views and tabs. */
final class UserLimits {

    private UserLimits() {
    }

    static ProblemException reached(String what, int limit) {
        return new ProblemException(409, TenantLimits.LIMIT_REACHED, "Limit reached",
                "This user already has the most " + what + " they may have (" + limit + ")");
    }
}
