package io.switchboard.session.messaging;

import static io.switchboard.session.messaging.OutboxRows.WAIT;
import static io.switchboard.session.messaging.OutboxRows.event;
import static io.switchboard.session.messaging.OutboxRows.newChat;
import static io.switchboard.session.messaging.OutboxRows.seqs;
import static io.switchboard.session.messaging.OutboxRows.seqsKeyedBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.switchboard.events.Envelope;
import io.switchboard.events.Topics;
import io.switchboard.infra.Databases;
import io.switchboard.kit.outbox.Outbox;
import io.switchboard.testing.SuperuserDataSource;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.kafka.RecordCollector;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/** service-kit's outbox relay against the real table, PostgreSQL and Kafka. */
@QuarkusTest
@WithTestResource(value = SwitchboardInfrastructureResource.class,
        initArgs = @ResourceArg(name = SwitchboardInfrastructureResource.DATABASE, value = Databases.SESSIONS))
class OutboxRelayTest {

    @Inject
    Outbox outbox;

    @Inject
    @ReactiveDataSource(SuperuserDataSource.NAME)
    Pool pool;

    @Inject
    MeterRegistry registry;

    private OutboxRows rows;

    @BeforeEach
    void rows() {
        rows = new OutboxRows(outbox, pool);
    }

    @Test
    void eachChatsEventsArePublishedInTheOrderWrittenKeyedByTheChat() throws Throwable {
        List<String> chats = List.of(newChat(), newChat(), newChat());
        try (RecordCollector lifecycle = RecordCollector.fromEnd(Topics.SESSION_LIFECYCLE)) {
            // Interleaved, as three busy chats write them.
            for (long seq = 1; seq <= 20; seq++) {
                for (String chatId : chats) {
                    rows.append(event(chatId, seq));
                }
            }

            for (String chatId : chats) {
                List<ConsumerRecord<String, byte[]>> published = lifecycle.awaitRecords(
                        record -> chatId.equals(record.key()), 20, WAIT);
                assertThat(seqsKeyedBy(chatId, published)).containsExactlyElementsOf(seqs(1, 20));
            }
        }
        for (String chatId : chats) {
            // Deleted once acknowledged: nothing is left to publish a second time.
            await().atMost(WAIT).until(() -> rows.rowsOf(chatId) == 0);
        }
    }

    @Test
    void anUnreadableEntryIsSetAsideVisiblyAndItsChatsLaterEventsGoOn() throws Throwable {
        String chatId = newChat();
        String other = newChat();
        double setAsideBefore = setAsideCount();
        try (RecordCollector lifecycle = RecordCollector.fromEnd(Topics.SESSION_LIFECYCLE)) {
            rows.append(event(chatId, 1));
            long poison = rows.insertUnreadable(chatId, "{\"type\":\"ChatUpdated\",\"seq\":");
            rows.append(event(chatId, 3), event(other, 1));

            List<ConsumerRecord<String, byte[]>> published = lifecycle.awaitRecords(
                    record -> chatId.equals(record.key()), 2, WAIT);
            assertThat(seqsKeyedBy(chatId, published)).containsExactly(1L, 3L);
            assertThat(seqsKeyedBy(other, lifecycle.awaitRecords(record -> other.equals(record.key()), 1, WAIT)))
                    .containsExactly(1L);

            await().atMost(WAIT).untilAsserted(() -> {
                Row row = rows.row(poison);
                assertThat(row.getOffsetDateTime("dead_lettered_at")).isNotNull();
                assertThat(row.getString("last_error")).contains("MalformedEventException");
                assertThat(row.getInteger("attempts")).isEqualTo(1);
            });
            assertThat(setAsideCount()).isGreaterThanOrEqualTo(setAsideBefore + 1);
            await().atMost(WAIT).until(() -> rows.rowsOf(chatId) == 1);
            await().atMost(WAIT).untilAsserted(() -> assertThat(registry.get("switchboard.outbox.set.aside").gauge()
                    .value()).isGreaterThanOrEqualTo(1));
        }
    }

    @Test
    void manyChatsAtOnceAreAllPublishedEachInOrder() throws Throwable {
        List<String> chats = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            chats.add(newChat());
        }
        try (RecordCollector lifecycle = RecordCollector.fromEnd(Topics.SESSION_LIFECYCLE)) {
            List<Envelope> events = new ArrayList<>();
            for (long seq = 1; seq <= 6; seq++) {
                for (String chatId : chats) {
                    events.add(event(chatId, seq));
                }
            }
            // One transaction: more entries than a relay pass takes at once, all committed together.
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> Multi.createFrom()
                    .iterable(events).onItem().transformToUniAndConcatenate(outbox::append).collect().last()));

            for (String chatId : chats) {
                assertThat(seqsKeyedBy(chatId, lifecycle.awaitRecords(record -> chatId.equals(record.key()), 6,
                        WAIT))).containsExactlyElementsOf(seqs(1, 6));
            }
        }
    }

    private double setAsideCount() {
        return registry.counter("switchboard.outbox.publish.failures", "outcome", "set-aside").count();
    }
}
