package io.switchboard.workspace;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.switchboard.events.Envelope;
import io.switchboard.events.Topics;
import io.switchboard.events.json.EventJson;
import io.switchboard.testing.kafka.RecordCollector;

/** What the service publishes on workspace.events from the moment this is opened. */
final class WorkspaceEvents implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final RecordCollector collector = RecordCollector.fromEnd(Topics.WORKSPACE_EVENTS);

    /** Every record published for the chat so far, decoded, in order. */
    List<Published> of(String chatId) {
        return collector.records().stream()
                .filter(record -> chatId.equals(EventJson.fromBytes(record.value()).chatId()))
                .map(Published::of)
                .toList();
    }

    /** Waits for the chat's first event of the type. */
    Published awaitEvent(String chatId, String type) {
        return await().atMost(TIMEOUT).until(() -> of(chatId).stream()
                        .filter(published -> published.envelope().type().equals(type))
                        .findFirst(), found -> found.isPresent())
                .orElseThrow();
    }

    /** Waits for the chat's n-th event of the type, counting from 1. */
    Published awaitEvent(String chatId, String type, int occurrence) {
        return await().atMost(TIMEOUT).until(() -> of(chatId).stream()
                        .filter(published -> published.envelope().type().equals(type))
                        .skip(occurrence - 1)
                        .findFirst(), found -> found.isPresent())
                .orElseThrow();
    }

    @Override
    public void close() {
        collector.close();
    }

    /** A record with its Kafka key and decoded envelope. */
    record Published(String key, Envelope envelope) {

        static Published of(ConsumerRecord<String, byte[]> record) {
            return new Published(record.key(), EventJson.fromBytes(record.value()));
        }

        <P> P payload(Class<P> type) {
            return type.cast(envelope.payload());
        }
    }
}
