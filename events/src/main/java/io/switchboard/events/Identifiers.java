package io.switchboard.events;

import io.switchboard.events.text.TextRules;

/**
 * What counts as a tenant id or a user id, wherever one enters: a token's claims, a service's acting-tenant
 * header, a record's envelope. One rule for all of them, so that an id a token carries is never one the Kafka
 * guard refuses later: at most {@value #MAX_LENGTH} characters, not blank, no surrounding blanks, no control
 * character at all, no unpaired surrogate.
 */
public final class Identifiers {

    public static final int MAX_LENGTH = 255;

    private Identifiers() {
    }

    public static boolean isValid(String id) {
        return id != null && !id.isBlank() && id.length() <= MAX_LENGTH && id.strip().equals(id)
                && TextRules.isClean(id) && id.chars().noneMatch(Character::isISOControl);
    }
}
