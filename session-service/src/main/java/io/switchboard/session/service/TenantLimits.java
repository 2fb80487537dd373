package io.switchboard.session.service;

import io.switchboard.kit.problem.ProblemException;

/** The problem a tenant meets at one of its configured limits. */
final class TenantLimits {

    static final String LIMIT_REACHED = "urn:switchboard:problem:limit-reached";

    private TenantLimits() {
    }

    static ProblemException reached(String what, int limit) {
        return new ProblemException(409, LIMIT_REACHED, "Limit reached",
                "This tenant already has the most " + what + " it may have (" + limit + ")");
    }
}
