package io.switchboard.gateway.ws;

import java.util.UUID;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.gateway.service.ChatDirectory;
import io.switchboard.gateway.service.ChatEntry;
import io.switchboard.kit.problem.ProblemException;

/**
 * The ownership check in front of every subscribe and command: the caller's chat, or an error frame
 * that reads the same for a chat of another tenant and one that does not exist.
 */
final class ChatAccess {

    private ChatAccess() {
    }

    static Uni<ChatEntry> owned(ChatDirectory directory, SocketSession session, String chatId, String refField,
            String refValue) {
        return directory.resolve(session.caller(), session.bearer(), UUID.fromString(chatId))
                .onFailure().transform(failure -> {
                    if (failure instanceof ProblemException problem && problem.status() < 500) {
                        return new FrameRejected("not_found", "No such chat", chatId, refField, refValue);
                    }
                    Log.warnf("chatId=%s could not be looked up: %s", chatId, failure.toString());
                    return new FrameRejected("unavailable", "Try again shortly", chatId, refField, refValue);
                });
    }
}
