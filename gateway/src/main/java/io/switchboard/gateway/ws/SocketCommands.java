package io.switchboard.gateway.ws;

import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import io.switchboard.gateway.fanout.Frames;
import io.switchboard.gateway.service.ChatCommands;
import io.switchboard.gateway.service.MessageDraft;
import io.switchboard.gateway.service.TurnEdit;

/**
 * The commands a client sends over the socket: {@code send}, {@code stop}, {@code cancel} and {@code edit}.
 * Each frame becomes the same typed command the REST API builds and goes through {@link ChatCommands}, which
 * checks it, checks ownership and puts SendMessage, StopTurn, CancelTurn or EditQueuedTurn on chat.commands
 * keyed by chatId. The {@code accepted} frame follows once Kafka has the command.
 */
@ApplicationScoped
public class SocketCommands {

    private static final String CLIENT_MESSAGE_ID = "clientMessageId";
    private static final String TURN_ID = "turnId";

    private final ChatCommands commands;
    private final Validator validator;

    public SocketCommands(ChatCommands commands, Validator validator) {
        this.commands = commands;
        this.validator = validator;
    }

    Uni<Void> handle(ClientFrame frame, SocketSession session) {
        String chatId = frame.chatId();
        UUID chat = UUID.fromString(chatId);
        return switch (frame.type()) {
            case "send" -> send(frame, session, chatId, chat);
            case "stop" -> {
                UUID turnId = frame.optionalTurnId(chatId);
                String reference = turnId == null ? null : turnId.toString();
                yield answer(() -> commands.stop(session.caller(), session.bearer(), chat, turnId)
                        .map(accepted -> turnId == null ? accepted("stop", chatId)
                                : accepted("stop", chatId).put(TURN_ID, reference)),
                        session, chatId, turnId == null ? null : TURN_ID, reference);
            }
            case "cancel" -> {
                UUID turnId = frame.turnId(chatId);
                yield answer(() -> commands.cancel(session.caller(), session.bearer(), chat, turnId)
                        .map(accepted -> accepted("cancel", chatId).put(TURN_ID, turnId.toString())),
                        session, chatId, TURN_ID, turnId.toString());
            }
            case "edit" -> {
                UUID turnId = frame.turnId(chatId);
                TurnEdit edit = new TurnEdit(frame.string("text", chatId, TURN_ID, turnId.toString()));
                yield answer(() -> commands.editQueued(session.caller(), session.bearer(), chat, turnId, edit)
                        .map(accepted -> accepted("edit", chatId).put(TURN_ID, turnId.toString())),
                        session, chatId, TURN_ID, turnId.toString());
            }
            default -> throw new IllegalArgumentException("Not a command: " + frame.type());
        };
    }

    private Uni<Void> send(ClientFrame frame, SocketSession session, String chatId, UUID chat) {
        String requested = frame.string(CLIENT_MESSAGE_ID, chatId, null, null);
        // The client's reference is echoed in an error frame only when it is itself valid.
        boolean validReference = requested != null
                && validator.validateValue(MessageDraft.class, CLIENT_MESSAGE_ID, requested).isEmpty();
        String reference = validReference ? requested : null;
        MessageDraft draft = new MessageDraft(
                frame.string("text", chatId, CLIENT_MESSAGE_ID, reference),
                frame.string("model", chatId, CLIENT_MESSAGE_ID, reference),
                requested,
                frame.delivery(chatId, CLIENT_MESSAGE_ID, reference));
        return answer(() -> commands.send(session.caller(), session.bearer(), chat, draft)
                .map(accepted -> accepted("send", chatId)
                        .put(CLIENT_MESSAGE_ID, accepted.clientMessageId())
                        .put("model", accepted.model())),
                session, chatId, CLIENT_MESSAGE_ID, reference);
    }

    /**
     * Runs the command and answers {@code accepted} once it is in Kafka; any refusal, including one raised
     * before the command got going, becomes the error frame.
     */
    private static Uni<Void> answer(Supplier<Uni<? extends ObjectNode>> command, SocketSession session,
            String chatId, String refField, String refValue) {
        return Uni.createFrom().deferred(command)
                .invoke(accepted -> session.send(Frames.write(accepted)))
                .onFailure().transform(failure -> ChatAccess.refusal(failure, chatId, refField, refValue))
                .replaceWithVoid();
    }

    private static ObjectNode accepted(String command, String chatId) {
        return Frames.node("accepted").put("command", command).put("chatId", chatId);
    }
}
