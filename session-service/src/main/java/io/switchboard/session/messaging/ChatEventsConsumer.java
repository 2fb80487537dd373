package io.switchboard.session.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.events.Envelope;
import io.switchboard.kit.consumer.ConsumerFailurePolicy;
import io.switchboard.kit.consumer.GivenUp;
import io.switchboard.session.service.MessageHistoryService;

/**
 * Persists finished messages from chat.events under the {@link ConsumerFailurePolicy}: a record that cannot be
 * read, routed or stored is dead-lettered to chat.events.dlq and the partition moves on, so one bad record
 * never holds up the other chats and tenants that share it.
 * <p>
 * TextDeltas, most of chat.events, change no history: they are passed over unread ({@code switchboard.skip-types}
 * in application.properties). Records stay one message each: consuming a poll at a time cost this service about
 * 15 % more CPU per turn in the turn latency benchmark (docs/benchmarks.md).
 */
@ApplicationScoped
public class ChatEventsConsumer {

    private final ConsumerFailurePolicy policy;
    private final MessageHistoryService history;

    public ChatEventsConsumer(ConsumerFailurePolicy policy, MessageHistoryService history) {
        this.policy = policy;
        this.history = history;
    }

    @Incoming("chat-events")
    public Uni<Void> consume(ConsumerRecord<String, Envelope> record) {
        return policy.process(record, this::store, this::setAside);
    }

    private Uni<Void> store(Envelope event) {
        // Most of chat.events is TextDeltas and tool activity: they must not cost a database transaction each.
        return MessageHistoryService.changesHistory(event) ? history.record(event) : Uni.createFrom().voidItem();
    }

    /*
     * The history is the only place a user could see this, and the database that could not store the record is
     * the likeliest cause: a placeholder row would mostly fail the same way. The dead-letter copy keeps the
     * record for an operator to replay; the log line says which turn of which chat lacks its message.
     */
    private Uni<Void> setAside(GivenUp givenUp) {
        Envelope event = givenUp.event();
        Log.errorf("chatId=%s %s seq=%d turn=%s not stored in the history (%s); the record is on the dead-letter topic",
                event.chatId(), event.type(), event.seq(), event.turnId(), givenUp.reason());
        return Uni.createFrom().voidItem();
    }
}
