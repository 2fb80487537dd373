package io.switchboard.session.rest;

import java.util.Set;

import io.smallrye.mutiny.Uni;
import io.switchboard.kit.consumer.FailureClassifier;
import io.switchboard.kit.problem.ProblemException;

/**
 * Failures a write can meet only by racing another transaction: a chat deleted between the check and the
 * insert (foreign key), two first writes at once (unique key), a deadlock with a chat deletion. Each is a 409
 * the client can answer by reloading, never a 500.
 */
final class StorageRaces {

    private static final Set<String> RACES = Set.of("23503", "23505", "40001", "40P01");

    private StorageRaces() {
    }

    static <T> Uni<T> asConflict(Uni<T> write) {
        return write.onFailure(failure -> !(failure instanceof ProblemException)
                        && FailureClassifier.findSqlState(failure).filter(RACES::contains).isPresent())
                .transform(failure -> ProblemException.conflict(
                        "Something this change depends on changed at the same moment; reload and try again"));
    }
}
