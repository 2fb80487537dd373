package io.switchboard.gateway.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.switchboard.events.Envelope;
import io.switchboard.kit.messaging.KeyedMessages;

/** Puts client commands on chat.commands, keyed by chatId; completes once Kafka has them. */
@ApplicationScoped
public class CommandPublisher {

    private final MutinyEmitter<Envelope> commands;

    public CommandPublisher(@Channel("chat-commands") MutinyEmitter<Envelope> commands) {
        this.commands = commands;
    }

    public Uni<Void> send(Envelope command) {
        return commands.sendMessage(KeyedMessages.keyedByChat(command))
                .invoke(() -> Log.debugf("chatId=%s %s accepted", command.chatId(), command.type()));
    }
}
