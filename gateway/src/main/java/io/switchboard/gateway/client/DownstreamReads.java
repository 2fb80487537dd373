package io.switchboard.gateway.client;

import java.time.Duration;

import io.smallrye.mutiny.Uni;
import io.switchboard.kit.problem.ProblemException;

/**
 * A read from a backing service, tried again twice on a transport failure (a refused connection, a timeout): a
 * read changes nothing, so repeating it is safe. An answer from the service, a problem included, is final.
 */
public final class DownstreamReads {

    private static final Duration BACK_OFF = Duration.ofMillis(100);

    private DownstreamReads() {
    }

    public static <T> Uni<T> retried(Uni<T> read) {
        return read.onFailure(failure -> !(failure instanceof ProblemException)).retry().withBackOff(BACK_OFF)
                .atMost(2);
    }
}
