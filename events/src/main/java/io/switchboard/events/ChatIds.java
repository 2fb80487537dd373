package io.switchboard.events;

import java.util.Locale;
import java.util.UUID;

/**
 * What counts as a valid chatId: the canonical text form of a UUID, in lower case. Every map and record key
 * of the system uses that one form, so an upper-case spelling of the same UUID is refused, not normalised,
 * wherever a record names a chat; client input is normalised with {@link #normalise(String)} first.
 */
public final class ChatIds {

    private ChatIds() {
    }

    public static boolean isValid(String chatId) {
        if (chatId == null || chatId.length() != 36) {
            return false;
        }
        try {
            return UUID.fromString(chatId).toString().equals(chatId);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The canonical form of a chatId a client typed in any case, or null when it is no UUID at all. */
    public static String normalise(String chatId) {
        if (chatId == null) {
            return null;
        }
        String lower = chatId.toLowerCase(Locale.ROOT);
        return isValid(lower) ? lower : null;
    }
}
