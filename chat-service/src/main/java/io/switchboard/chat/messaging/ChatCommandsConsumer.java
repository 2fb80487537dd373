package io.switchboard.chat.messaging;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.chat.service.TurnIntake;
import io.switchboard.events.Envelope;
import io.switchboard.events.command.SendMessage;
import io.switchboard.events.kafka.ChatKeyGuard;

/** Takes commands from chat.commands; acknowledges each once its effect is durable. */
@ApplicationScoped
public class ChatCommandsConsumer {

    private final ChatKeyGuard guard;
    private final TurnIntake intake;

    public ChatCommandsConsumer(ChatKeyGuard guard, TurnIntake intake) {
        this.guard = guard;
        this.intake = intake;
    }

    @Incoming("chat-commands")
    public Uni<Void> consume(ConsumerRecord<String, Envelope> record) {
        if (!guard.admit(record)) {
            return Uni.createFrom().voidItem();
        }
        Envelope command = record.value();
        if (command.payload() instanceof SendMessage message) {
            // Without retries exhausted the command stays unacknowledged: the channel fails, health goes
            // down, and the record is redelivered after restart rather than lost.
            return intake.accept(command, message)
                    .onFailure().retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(5)).atMost(20);
        }
        Log.infof("chatId=%s command %s is not handled yet; skipped", command.chatId(), command.type());
        return Uni.createFrom().voidItem();
    }
}
