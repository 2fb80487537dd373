package io.switchboard.gateway.ws;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.events.Envelope;
import io.switchboard.events.EventPayload;
import io.switchboard.events.command.CancelTurn;
import io.switchboard.events.command.Delivery;
import io.switchboard.events.command.EditQueuedTurn;
import io.switchboard.events.command.SendMessage;
import io.switchboard.events.command.StopTurn;
import io.switchboard.gateway.fanout.Frames;
import io.switchboard.gateway.messaging.CommandPublisher;
import io.switchboard.gateway.service.ChatDirectory;
import io.switchboard.kit.security.Caller;

/**
 * The commands a client sends over the socket: {@code send}, {@code stop}, {@code cancel} and {@code edit}
 * become SendMessage, StopTurn, CancelTurn and EditQueuedTurn on chat.commands, keyed by chatId, after the
 * same ownership check as a subscribe. The {@code accepted} frame follows once Kafka has the command.
 */
@ApplicationScoped
public class SocketCommands {

    private final ChatDirectory directory;
    private final CommandPublisher commands;

    public SocketCommands(ChatDirectory directory, CommandPublisher commands) {
        this.directory = directory;
        this.commands = commands;
    }

    Uni<Void> handle(ClientFrame frame, SocketSession session) {
        String chatId = frame.chatId();
        return switch (frame.type()) {
            case "send" -> send(frame, session, chatId);
            case "stop" -> publish(session, chatId, null, null, null, frame.type(), new StopTurn(session.caller().userId()));
            case "cancel" -> {
                UUID turnId = frame.turnId(chatId);
                yield publish(session, chatId, turnId, "turnId", turnId.toString(), frame.type(),
                        new CancelTurn(turnId, session.caller().userId()));
            }
            case "edit" -> {
                UUID turnId = frame.turnId(chatId);
                String text = frame.text(chatId, "turnId", turnId.toString());
                yield publish(session, chatId, turnId, "turnId", turnId.toString(), frame.type(),
                        new EditQueuedTurn(turnId, session.caller().userId(), text));
            }
            default -> throw new IllegalArgumentException("Not a command: " + frame.type());
        };
    }

    private Uni<Void> send(ClientFrame frame, SocketSession session, String chatId) {
        String requested = frame.clientMessageId(chatId);
        String clientMessageId = requested == null ? UUID.randomUUID().toString() : requested;
        String text = frame.text(chatId, "clientMessageId", requested);
        String model = frame.model(chatId);
        Delivery delivery = frame.delivery(chatId);
        Caller caller = session.caller();
        return ChatAccess.owned(directory, session, chatId, "clientMessageId", requested).chain(chat -> {
            String effectiveModel = model == null ? chat.model() : model;
            Envelope command = Envelope.of(chatId, caller.tenantId(), 0, null,
                    new SendMessage(clientMessageId, caller.userId(), text, effectiveModel, delivery));
            ObjectNode accepted = accepted("send", chatId)
                    .put("clientMessageId", clientMessageId)
                    .put("model", effectiveModel);
            Log.infof("chatId=%s message %s sent over the socket to %s", chatId, clientMessageId, effectiveModel);
            return deliver(session, command, accepted, "clientMessageId", requested);
        });
    }

    private Uni<Void> publish(SocketSession session, String chatId, UUID turnId, String refField, String refValue,
            String type, EventPayload payload) {
        Caller caller = session.caller();
        return ChatAccess.owned(directory, session, chatId, refField, refValue).chain(chat -> {
            Envelope command = Envelope.of(chatId, caller.tenantId(), 0, turnId, payload);
            ObjectNode accepted = accepted(type, chatId);
            if (turnId != null) {
                accepted.put("turnId", turnId.toString());
            }
            Log.infof("chatId=%s %s requested over the socket%s", chatId, command.type(),
                    turnId == null ? "" : " for turn " + turnId);
            return deliver(session, command, accepted, refField, refValue);
        });
    }

    private Uni<Void> deliver(SocketSession session, Envelope command, ObjectNode accepted, String refField,
            String refValue) {
        return commands.send(command)
                .invoke(() -> session.send(Frames.write(accepted)))
                .onFailure().transform(failure -> {
                    Log.warnf("chatId=%s %s not published: %s", command.chatId(), command.type(), failure.toString());
                    return new FrameRejected("unavailable", "The command could not be sent; try again",
                            command.chatId(), refField, refValue);
                });
    }

    private static ObjectNode accepted(String command, String chatId) {
        return Frames.node("accepted").put("command", command).put("chatId", chatId);
    }
}
