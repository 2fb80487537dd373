package io.switchboard.session.service;

import io.switchboard.kit.problem.ProblemException;

/** The optimistic-concurrency check every versioned write makes. */
final class Versions {

    static final String STALE = "urn:switchboard:problem:stale-version";

    private Versions() {
    }

    static void check(String what, long actual, long expected) {
        if (actual != expected) {
            throw stale(what, actual, expected);
        }
    }

    static ProblemException stale(String what, long actual, long expected) {
        return new ProblemException(409, STALE, "Stale version", what + " is at version " + actual + ", not "
                + expected + "; reload it and apply the change again");
    }
}
