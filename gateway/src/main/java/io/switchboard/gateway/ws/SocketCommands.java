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
import io.switchboard.gateway.service.PendingCommand;
import io.switchboard.gateway.service.TurnEdit;

/**
 * The commands a client sends over the socket: {@code send}, {@code stop}, {@code cancel} and {@code edit}.
 * Each frame becomes the same typed command the REST API builds and goes through {@link ChatCommands}, which
 * checks it, checks ownership and puts SendMessage, StopTurn, CancelTurn or EditQueuedTurn on chat.commands
 * keyed by chatId. The {@code accepted} frame follows once Kafka has the command.
 * <p>
 * A connection's frames are handled one at a time, and a command's handling ends once the producer has it, not
 * when Kafka acknowledges it: the producer keeps a chat's commands in the order it was given them, so the next
 * frame need not wait for the broker's round trip, and a burst of sends is accepted as fast as Kafka takes it.
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
                        .map(pending -> pending.map(accepted -> turnId == null ? accepted("stop", chatId)
                                : accepted("stop", chatId).put(TURN_ID, reference))),
                        frame, session, turnId == null ? null : TURN_ID, reference);
            }
            case "cancel" -> {
                UUID turnId = frame.turnId(chatId);
                yield answer(() -> commands.cancel(session.caller(), session.bearer(), chat, turnId)
                        .map(pending -> pending.map(accepted -> accepted("cancel", chatId)
                                .put(TURN_ID, turnId.toString()))),
                        frame, session, TURN_ID, turnId.toString());
            }
            case "edit" -> {
                UUID turnId = frame.turnId(chatId);
                TurnEdit edit = new TurnEdit(frame.string("text", chatId, TURN_ID, turnId.toString()));
                yield answer(() -> commands.editQueued(session.caller(), session.bearer(), chat, turnId, edit)
                        .map(pending -> pending.map(accepted -> accepted("edit", chatId)
                                .put(TURN_ID, turnId.toString()))),
                        frame, session, TURN_ID, turnId.toString());
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
                .map(pending -> pending.map(accepted -> accepted("send", chatId)
                        .put(CLIENT_MESSAGE_ID, accepted.clientMessageId())
                        .put("model", accepted.model()))),
                frame, session, CLIENT_MESSAGE_ID, reference);
    }

    /**
     * Runs the command up to the producer and answers {@code accepted} once it is in Kafka, or the error frame if
     * it never gets there; a refusal raised before the command reached the producer fails the frame itself.
     */
    private static Uni<Void> answer(Supplier<Uni<? extends PendingCommand<ObjectNode>>> command, ClientFrame frame,
            SocketSession session, String refField, String refValue) {
        String chatId = frame.chatId();
        return Uni.createFrom().deferred(command)
                .onFailure().transform(failure -> ChatAccess.refusal(failure, chatId, refField, refValue))
                .invoke(pending -> {
                    session.commandPending();
                    pending.acknowledged().subscribe().with(
                            accepted -> {
                                session.send(Frames.write(accepted));
                                session.commandAnswered();
                            },
                            failure -> {
                                session.send(ChatAccess.refusal(failure, chatId, refField, refValue)
                                        .toFrame(frame.requestType()));
                                session.commandAnswered();
                            });
                })
                .replaceWithVoid();
    }

    private static ObjectNode accepted(String command, String chatId) {
        return Frames.node("accepted").put("command", command).put("chatId", chatId);
    }
}
