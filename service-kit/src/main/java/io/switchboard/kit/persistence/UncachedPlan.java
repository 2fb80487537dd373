package io.switchboard.kit.persistence;

import java.util.List;

/**
 * Keeps a native select out of Hibernate's query plan cache. Hibernate Reactive never finds a native select's plan
 * there again: each run adds one more entry for the same SQL, so a statement run once per transaction or per
 * stored message fills the cache with dead entries that every later lookup of that SQL walks (a few percent of
 * session-service's CPU in a profile, see docs/benchmarks.md). Hibernate does not cache the plan of a query with a
 * list parameter, so such a statement carries the always-true condition {@code 1 IN (?n)} with this list bound to
 * {@code ?n}; planning it anew each time costs less than the lookup did.
 */
public final class UncachedPlan {

    /** The list to bind to the parameter of the {@code 1 IN (?n)} condition. */
    public static final List<Integer> MARKER = List.of(1);

    private UncachedPlan() {
    }
}
