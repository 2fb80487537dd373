package io.switchboard.gateway.ws;

import java.util.UUID;

import jakarta.validation.ConstraintViolationException;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.gateway.service.ChatDirectory;
import io.switchboard.gateway.service.ChatEntry;
import io.switchboard.kit.problem.ProblemException;

/**
 * The membership check in front of every subscribe, and the error frame for a command the gateway refused:
 * a chat of another tenant or project reads the same as one that does not exist; a viewer's command is
 * {@code forbidden}.
 */
final class ChatAccess {

    private ChatAccess() {
    }

    static Uni<ChatEntry> owned(ChatDirectory directory, SocketSession session, String chatId, String refField,
            String refValue) {
        return directory.resolve(session.caller(), session.bearer(), UUID.fromString(chatId))
                .onFailure().transform(failure -> refusal(failure, chatId, refField, refValue));
    }

    /** The error frame for a failed subscribe or command: invalid, not found, or to be tried again. */
    static FrameRejected refusal(Throwable failure, String chatId, String refField, String refValue) {
        if (failure instanceof FrameRejected rejected) {
            return rejected;
        }
        if (failure instanceof ConstraintViolationException invalid) {
            return FrameRejected.violated(invalid, chatId, refField, refValue);
        }
        if (failure instanceof ProblemException problem && problem.status() == 403) {
            return new FrameRejected("forbidden", problem.getMessage(), chatId, refField, refValue);
        }
        if (failure instanceof ProblemException problem && problem.status() < 500) {
            return new FrameRejected("not_found", "No such chat", chatId, refField, refValue);
        }
        Log.warnf("chatId=%s request failed: %s", chatId, failure.toString());
        return new FrameRejected("unavailable", "Try again shortly", chatId, refField, refValue);
    }
}
