package io.switchboard.chat.service;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RetriableException;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.switchboard.chat.tracing.TurnTraces;
import io.switchboard.events.Envelope;
import io.switchboard.kit.messaging.KeyedMessages;

/**
 * Hands chat.events records to Kafka, keyed by chatId. Each chat's {@link EventSequence} numbers its events and
 * sends them one at a time, so a chat's records enter the producer in seq order.
 */
@ApplicationScoped
public class ChatEventPublisher {

    private final MutinyEmitter<Envelope> events;
    private final Counter retries;
    private final TurnTraces traces;

    // Every chat has at most one event in flight, so the buffer is bounded by the number of chats publishing at
    // once; a fixed bound would fail turns under a burst instead.
    public ChatEventPublisher(
            @Channel("chat-events") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) MutinyEmitter<Envelope> events,
            MeterRegistry registry, TurnTraces traces) {
        this.events = events;
        this.traces = traces;
        this.retries = Counter.builder("switchboard.chat.events.publish.retries")
                .description("chat.events records sent again with the same seq after Kafka did not acknowledge them")
                .register(registry);
    }

    /**
     * Sends at once; the stage completes when Kafka acknowledged the record. An event of a traced turn names the
     * turn's span in its headers.
     */
    CompletionStage<Void> send(Envelope event) {
        return events.sendMessage(KeyedMessages.keyedByChat(event, traces.headersFor(event.turnId())))
                .subscribeAsCompletionStage();
    }

    void countRetry() {
        retries.increment();
    }

    /**
     * True when sending the same record again cannot succeed: Kafka refused it for what it is (too large, not
     * serializable), not for the state the cluster is in. Anything else, an unknown failure included, is retried.
     */
    static boolean isPermanent(Throwable failure) {
        boolean refusedByKafka = false;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RetriableException) {
                return false;
            }
            refusedByKafka |= cause instanceof KafkaException;
        }
        return refusedByKafka;
    }
}
