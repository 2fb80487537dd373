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
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.switchboard.events.Envelope;
import io.switchboard.events.Topics;
import io.switchboard.infra.Databases;
import io.switchboard.kit.outbox.Outbox;
import io.switchboard.kit.outbox.OutboxEntry;
import io.switchboard.kit.outbox.OutboxTable;
import io.switchboard.testing.SuperuserDataSource;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.kafka.RecordCollector;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The outbox against a Kafka that acknowledges every record late (the producer lingers before each send) and
 * refuses records over 64 KiB, as a real broker refuses records over its limit.
 */
@QuarkusTest
@TestProfile(OutboxSlowKafkaTest.SlowKafka.class)
@WithTestResource(value = SwitchboardInfrastructureResource.class,
        initArgs = @ResourceArg(name = SwitchboardInfrastructureResource.DATABASE, value = Databases.SESSIONS))
class OutboxSlowKafkaTest {

    private static final int LINGER_MS = 250;

    public static class SlowKafka implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "mp.messaging.outgoing.outbox.linger.ms", String.valueOf(LINGER_MS),
                    "mp.messaging.outgoing.outbox.max.request.size", String.valueOf(64 * 1024));
        }
    }

    @Inject
    Outbox outbox;

    @Inject
    OutboxTable table;

    @Inject
    @ReactiveDataSource(SuperuserDataSource.NAME)
    Pool pool;

    private OutboxRows rows;

    @BeforeEach
    void rows() {
        rows = new OutboxRows(outbox, pool);
    }

    @Test
    void nothingIsLostAndNothingOvertakesWhileKafkaAcknowledgesLate() throws Throwable {
        List<String> chats = List.of(newChat(), newChat(), newChat(), newChat());
        try (RecordCollector lifecycle = RecordCollector.fromEnd(Topics.SESSION_LIFECYCLE)) {
            for (long seq = 1; seq <= 8; seq++) {
                for (String chatId : chats) {
                    rows.append(event(chatId, seq));
                }
            }

            for (String chatId : chats) {
                List<Long> published = seqsKeyedBy(chatId, lifecycle.awaitRecords(
                        record -> chatId.equals(record.key()), 8, WAIT));
                assertThat(published).containsExactlyElementsOf(seqs(1, 8));
            }
        }
        for (String chatId : chats) {
            await().atMost(WAIT).until(() -> rows.rowsOf(chatId) == 0);
        }
    }

    @Test
    void aRecordKafkaRefusesAsTooLargeIsSetAsideAndItsChatGoesOn() throws Throwable {
        String chatId = newChat();
        try (RecordCollector lifecycle = RecordCollector.fromEnd(Topics.SESSION_LIFECYCLE)) {
            rows.append(event(chatId, 1), event(chatId, 2, "x".repeat(100_000)), event(chatId, 3));

            List<Long> published = seqsKeyedBy(chatId, lifecycle.awaitRecords(
                    record -> chatId.equals(record.key()), 2, WAIT));
            assertThat(published).containsExactly(1L, 3L);
        }
        await().atMost(WAIT).untilAsserted(() -> {
            Row row = pool.preparedQuery("SELECT * FROM outbox WHERE chat_id = $1").execute(Tuple.of(chatId))
                    .await().atMost(WAIT).iterator().next();
            assertThat(row.getLong("seq")).isEqualTo(2);
            assertThat(row.getOffsetDateTime("dead_lettered_at")).isNotNull();
            assertThat(row.getString("last_error")).contains("RecordTooLargeException");
        });
        assertThat(rows.rowsOf(chatId)).isEqualTo(1);
    }

    /**
     * What a second instance's relay sees while this one is publishing a chat: it takes none of that chat's
     * entries, not even one written after this relay claimed the others, because it would overtake them.
     */
    @Test
    void aSecondRelayTakesNothingOfAChatAnotherRelayIsPublishing() throws Throwable {
        String chatId = newChat();
        try (RecordCollector lifecycle = RecordCollector.fromEnd(Topics.SESSION_LIFECYCLE)) {
            List<Envelope> first = new ArrayList<>();
            for (long seq = 1; seq <= 12; seq++) {
                first.add(event(chatId, seq));
            }
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> Multi.createFrom()
                    .iterable(first).onItem().transformToUniAndConcatenate(outbox::append).collect().last()));
            // Its first record is out, so this relay holds the other eleven for at least ten more lingers.
            lifecycle.awaitRecord(record -> chatId.equals(record.key()), WAIT);
            rows.append(event(chatId, 13));

            SqlConnection secondRelay = pool.getConnection().await().atMost(WAIT);
            try {
                Transaction claim = secondRelay.begin().await().atMost(WAIT);
                List<String> claimedChats = table.claim(secondRelay, 200).await().atMost(WAIT).stream()
                        .map(OutboxEntry::chatId).toList();
                claim.rollback().await().atMost(WAIT);
                assertThat(claimedChats).doesNotContain(chatId);
            } finally {
                secondRelay.close().await().atMost(WAIT);
            }

            List<Long> published = seqsKeyedBy(chatId, lifecycle.awaitRecords(
                    record -> chatId.equals(record.key()), 13, WAIT));
            assertThat(published).containsExactlyElementsOf(seqs(1, 13));
        }
    }
}
