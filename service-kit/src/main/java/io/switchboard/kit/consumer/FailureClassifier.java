package io.switchboard.kit.consumer;

import java.lang.reflect.Method;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;

import jakarta.validation.ValidationException;

import io.switchboard.events.json.MalformedEventException;
import io.switchboard.kit.problem.ProblemException;

/**
 * Tells a failure that another attempt cannot fix (bad data, a broken invariant) from one that may pass
 * (a connection, a timeout, a lock). Unknown failures count as transient: they are retried a bounded number
 * of times, so guessing wrong costs seconds, never a stuck partition.
 */
public final class FailureClassifier {

    /**
     * SQLSTATE classes that mean the statement itself is wrong for this data: 22 data exception (NUL in text,
     * value too long), 23 integrity constraint violation, 42 syntax error or access rule violation.
     */
    private static final Set<String> PERMANENT_SQL_CLASSES = Set.of("22", "23", "42");

    private static final ClassValue<Optional<Method>> SQL_STATE = new ClassValue<>() {
        @Override
        protected Optional<Method> computeValue(Class<?> type) {
            try {
                return Optional.of(type.getMethod("getSqlState"));
            } catch (NoSuchMethodException e) {
                return Optional.empty();
            }
        }
    };

    private FailureClassifier() {
    }

    public static boolean isPermanent(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof MalformedEventException || cause instanceof IllegalArgumentException
                    || cause instanceof NullPointerException || cause instanceof ClassCastException
                    || cause instanceof UnsupportedOperationException || cause instanceof ValidationException
                    || cause instanceof IndexOutOfBoundsException || cause instanceof PermanentFailure) {
                return true;
            }
            if (cause instanceof ProblemException problem && problem.status() >= 400 && problem.status() < 500
                    && problem.status() != 408 && problem.status() != 429) {
                return true;
            }
            String sqlState = sqlState(cause);
            if (sqlState != null && sqlState.length() == 5) {
                return PERMANENT_SQL_CLASSES.contains(sqlState.substring(0, 2));
            }
        }
        return false;
    }

    public static boolean isTransient(Throwable failure) {
        return !isPermanent(failure);
    }

    /** The SQLSTATE of the first database error in the failure's causes, if there is one. */
    public static Optional<String> findSqlState(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            String state = sqlState(cause);
            if (state != null) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }

    /** The SQLSTATE of a JDBC or Vert.x SQL client error, read without a compile-time tie to either driver. */
    static String sqlState(Throwable failure) {
        if (failure instanceof SQLException sql) {
            return sql.getSQLState();
        }
        Optional<Method> accessor = SQL_STATE.get(failure.getClass());
        if (accessor.isEmpty()) {
            return null;
        }
        try {
            Object state = accessor.get().invoke(failure);
            return state == null ? null : state.toString();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Thrown by a handler that knows retrying cannot help. */
    public static class PermanentFailure extends RuntimeException {

        public PermanentFailure(String message) {
            super(message);
        }
    }
}
