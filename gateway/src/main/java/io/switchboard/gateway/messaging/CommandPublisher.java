package io.switchboard.gateway.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.opentelemetry.api.trace.Span;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.switchboard.events.Envelope;
import io.switchboard.gateway.tracing.CommandTraces;
import io.switchboard.kit.messaging.KeyedMessages;

/**
 * Puts client commands on chat.commands, keyed by chatId; completes once Kafka has them. Each names its span in its
 * headers (see CommandTraces).
 */
@ApplicationScoped
public class CommandPublisher {

    private final MutinyEmitter<Envelope> commands;
    private final CommandTraces traces;

    public CommandPublisher(@Channel("chat-commands") MutinyEmitter<Envelope> commands, CommandTraces traces) {
        this.commands = commands;
        this.traces = traces;
    }

    public Uni<Void> send(Envelope command) {
        Span span = traces.start(command);
        return commands.sendMessage(KeyedMessages.keyedByChat(command, traces.headers(span)))
                .onTermination().invoke((done, failure, cancelled) -> CommandTraces.sent(span, failure))
                .invoke(() -> Log.debugf("chatId=%s %s accepted", command.chatId(), command.type()));
    }
}
