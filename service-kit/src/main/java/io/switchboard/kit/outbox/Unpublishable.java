package io.switchboard.kit.outbox;

import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;

import io.switchboard.events.json.MalformedEventException;

/**
 * Tells a failure that is the entry's own, and would come back on every attempt, from one of the broker's
 * moods. Only the first kind sets an entry aside: an unreachable, slow or misconfigured broker must never
 * empty the outbox into the set-aside rows, so anything not known to be the entry's fault is tried again.
 */
final class Unpublishable {

    private Unpublishable() {
    }

    static boolean isEntrysOwnFault(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof MalformedEventException || cause instanceof RecordTooLargeException
                    || cause instanceof SerializationException || cause instanceof InvalidRecordException
                    || cause instanceof InvalidTopicException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    static String describe(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
