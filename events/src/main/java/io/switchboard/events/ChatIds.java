package io.switchboard.events;

import java.util.UUID;

/** What counts as a valid chatId: the canonical text form of a UUID. */
public final class ChatIds {

    private ChatIds() {
    }

    public static boolean isValid(String chatId) {
        if (chatId == null || chatId.length() != 36) {
            return false;
        }
        try {
            return UUID.fromString(chatId).toString().equals(chatId.toLowerCase());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
