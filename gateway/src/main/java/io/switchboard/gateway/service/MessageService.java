package io.switchboard.gateway.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.events.Envelope;
import io.switchboard.events.command.SendMessage;
import io.switchboard.gateway.messaging.CommandPublisher;
import io.switchboard.gateway.rest.MessageAccepted;
import io.switchboard.gateway.rest.SendMessageRequest;
import io.switchboard.kit.security.Caller;

/** Turns a user message into a SendMessage command for its chat. */
@ApplicationScoped
public class MessageService {

    private final ChatDirectory directory;
    private final CommandPublisher commands;

    public MessageService(ChatDirectory directory, CommandPublisher commands) {
        this.directory = directory;
        this.commands = commands;
    }

    public Uni<MessageAccepted> send(Caller caller, String bearer, UUID chatId, SendMessageRequest request) {
        return directory.resolve(caller, bearer, chatId).chain(chat -> {
            String clientMessageId = request.clientMessageId() == null
                    ? UUID.randomUUID().toString()
                    : request.clientMessageId();
            String model = request.model() == null ? chat.model() : request.model();
            Envelope command = Envelope.of(chat.chatId(), caller.tenantId(), 0, null,
                    new SendMessage(clientMessageId, caller.userId(), request.text(), model));
            Log.infof("chatId=%s message %s sent to %s", chat.chatId(), clientMessageId, model);
            return commands.send(command).replaceWith(new MessageAccepted(chatId, clientMessageId, model));
        });
    }
}
