package io.switchboard.session.rest;

import java.util.UUID;

import io.switchboard.kit.problem.ProblemException;

/**
 * Query parameters read by hand: a value JAX-RS cannot convert would otherwise be a 404, as if the route did not
 * exist, where the client needs a 400 naming the parameter.
 */
final class QueryParams {

    private QueryParams() {
    }

    static int integer(String value, String name, int absent) {
        if (value == null || value.isEmpty()) {
            return absent;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(name + " must be a whole number");
        }
    }

    static Long longInteger(String value, String name) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(name + " must be a whole number");
        }
    }

    static UUID uuid(String value, String name) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(name + " must be a UUID");
        }
    }
}
