package io.switchboard.session.messaging;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.events.Envelope;
import io.switchboard.events.kafka.ChatKeyGuard;
import io.switchboard.session.service.MessageHistoryService;

/** Persists finished messages from chat.events. */
@ApplicationScoped
public class ChatEventsConsumer {

    private final ChatKeyGuard guard;
    private final MessageHistoryService history;

    public ChatEventsConsumer(ChatKeyGuard guard, MessageHistoryService history) {
        this.guard = guard;
        this.history = history;
    }

    @Incoming("chat-events")
    public Uni<Void> consume(ConsumerRecord<String, Envelope> record) {
        if (!guard.admit(record) || !MessageHistoryService.changesHistory(record.value())) {
            return Uni.createFrom().voidItem();
        }
        Envelope event = record.value();
        // A database hiccup must not lose a message: retry with back-off before giving up on the record.
        return history.record(event)
                .onFailure().retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(5)).atMost(20)
                .onFailure().recoverWithUni(failure -> {
                    Log.errorf(failure, "chatId=%s %s seq=%d could not be stored (partition %d offset %d)",
                            event.chatId(), event.type(), event.seq(), record.partition(), record.offset());
                    return Uni.createFrom().voidItem();
                });
    }
}
