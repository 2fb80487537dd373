package io.switchboard.session.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.switchboard.events.Envelope;
import io.switchboard.events.json.EventJson;
import io.switchboard.events.lifecycle.ChatUpdated;
import io.switchboard.kit.outbox.Outbox;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Writes to and reads the service's outbox table for the outbox tests, the way the service and an operator do. */
final class OutboxRows {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String TENANT = "tenant-outbox";
    static final UUID PROJECT = UUID.randomUUID();

    private final Outbox outbox;
    private final Pool pool;

    OutboxRows(Outbox outbox, Pool pool) {
        this.outbox = outbox;
        this.pool = pool;
    }

    static Envelope event(String chatId, long seq) {
        return event(chatId, seq, "title " + seq);
    }

    static Envelope event(String chatId, long seq, String title) {
        return Envelope.of(chatId, TENANT, seq, null, new ChatUpdated(PROJECT, title, "offline"));
    }

    static String newChat() {
        return UUID.randomUUID().toString();
    }

    /** Each event in a transaction of its own, as the service's requests write them. */
    void append(Envelope... events) throws Throwable {
        for (Envelope event : events) {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> outbox.append(event)));
        }
    }

    /** A row the way code from before the outbox was cleaned could leave one: no reader accepts it. */
    long insertUnreadable(String chatId, String eventJson) {
        return pool.preparedQuery("INSERT INTO outbox (chat_id, event_json) VALUES ($1, $2) RETURNING id")
                .execute(Tuple.of(chatId, eventJson)).await().atMost(WAIT).iterator().next().getLong(0);
    }

    long rowsOf(String chatId) {
        return pool.preparedQuery("SELECT count(*) FROM outbox WHERE chat_id = $1").execute(Tuple.of(chatId))
                .await().atMost(WAIT).iterator().next().getLong(0);
    }

    Row row(long id) {
        return pool.preparedQuery("SELECT * FROM outbox WHERE id = $1").execute(Tuple.of(id))
                .await().atMost(WAIT).iterator().next();
    }

    /** Asserts every record is keyed by its own chat, and returns the seqs in the order they were published. */
    static List<Long> seqsKeyedBy(String chatId, List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(record -> {
            Envelope event = EventJson.fromBytes(record.value());
            assertThat(record.key()).isEqualTo(event.chatId()).isEqualTo(chatId);
            return event.seq();
        }).toList();
    }

    static List<Long> seqs(long from, long to) {
        Long[] seqs = new Long[(int) (to - from + 1)];
        Arrays.setAll(seqs, i -> from + i);
        return List.of(seqs);
    }
}
