package io.switchboard.session.service;

import java.util.Locale;

import io.switchboard.kit.problem.ProblemException;
import io.switchboard.session.model.ChatStatus;

/** Which of a project's chats a list shows; a null field does not filter. */
public record ChatFilter(ChatStatus status, Boolean pinned) {

    /** The filter a list request names, or a 400 problem for a value that is not one. */
    public static ChatFilter parse(String status, String pinned) {
        return new ChatFilter(status(status), pinned(pinned));
    }

    private static ChatStatus status(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        for (ChatStatus status : ChatStatus.values()) {
            if (status.name().toLowerCase(Locale.ROOT).equals(text)) {
                return status;
            }
        }
        throw ProblemException.badRequest("status must be active, archived or completed");
    }

    private static Boolean pinned(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (text.equals("true") || text.equals("false")) {
            return Boolean.valueOf(text);
        }
        throw ProblemException.badRequest("pinned must be true or false");
    }
}
