package io.switchboard.session.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.Envelope;
import io.switchboard.events.Topics;
import io.switchboard.events.chat.TokenUsage;
import io.switchboard.events.chat.TurnCompleted;
import io.switchboard.events.chat.TurnQueued;
import io.switchboard.infra.Databases;
import io.switchboard.kit.consumer.ConsumerFailurePolicy;
import io.switchboard.kit.consumer.FailureClassifier;
import io.switchboard.testing.SuperuserDataSource;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.testing.kafka.RawProducer;
import io.switchboard.testing.kafka.RecordCollector;
import io.switchboard.testing.postgres.RefusedInserts;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;

/** How the chat.events consumer tells a database failure that passes from one that would repeat for ever. */
@QuarkusTest
@WithTestResource(value = SwitchboardInfrastructureResource.class,
        initArgs = @ResourceArg(name = SwitchboardInfrastructureResource.DATABASE, value = Databases.SESSIONS))
class ChatEventsDatabaseFailureTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    MeterRegistry registry;

    @Inject
    @ReactiveDataSource(SuperuserDataSource.NAME)
    Pool pool;

    private final String alice = TestTokens.bearer("tenant-a", "alice");

    @Test
    void aFailureThatPassesIsRetriedUntilTheMessageIsStored() {
        String chatId = SessionApi.createChat(alice);
        UUID turn = UUID.randomUUID();
        double retriesBefore = retries();
        // 40001 serialization_failure: another attempt can succeed.
        try (RefusedInserts conflict = RefusedInserts.times(pool, "message",
                "NEW.turn_id = '" + turn + "' AND NEW.role = 'ASSISTANT'", "40001",
                "could not serialize access due to concurrent update", 2);
                RecordCollector deadLetters = RecordCollector.fromEnd(Topics.deadLetter(Topics.CHAT_EVENTS));
                RawProducer producer = RawProducer.create()) {
            SessionApi.send(producer, Envelope.of(chatId, "tenant-a", 1, turn,
                    new TurnQueued("m1", "alice", "question", "offline", 0)));
            SessionApi.send(producer, Envelope.of(chatId, "tenant-a", 2, turn,
                    new TurnCompleted("answer after two tries", new TokenUsage(1, 2))));

            await().atMost(TIMEOUT).untilAsserted(() -> given().auth().oauth2(alice)
                    .get("/chats/{id}/messages", chatId)
                    .then().statusCode(200)
                    .body("content", contains("question", "answer after two tries")));
            assertThat(conflict.attempts()).isEqualTo(3);
            assertThat(retries()).isEqualTo(retriesBefore + 2);
            assertThat(deadLetters.records()).noneMatch(copy -> chatId.equals(copy.key()));
        }
    }

    @Test
    void theDatabasesOwnRefusalsOfDataAreClassifiedAsPermanentAndItsConflictsAsPassing() {
        // What PostgreSQL answered to a project name with NUL in it, before requests were checked.
        PgException nul = failureOf("SELECT E'a\\x00'::text");
        assertThat(nul.getSqlState()).isEqualTo("22021");
        assertThat(FailureClassifier.isPermanent(nul)).isTrue();

        PgException outOfRange = failureOf("SELECT '-5000-01-01 00:00:00+00'::timestamptz");
        assertThat(outOfRange.getSqlState()).startsWith("22");
        assertThat(FailureClassifier.isPermanent(outOfRange)).isTrue();

        SessionApi.createChat(alice);
        PgException duplicate = failureOf("INSERT INTO project (id, tenant_id, owner_id, name, created_at) "
                + "SELECT id, tenant_id, owner_id, name, created_at FROM project LIMIT 1");
        assertThat(duplicate.getSqlState()).isEqualTo("23505");
        assertThat(FailureClassifier.isPermanent(duplicate)).isTrue();

        PgException serialization = failureOf("DO $$ BEGIN RAISE EXCEPTION USING ERRCODE = '40001', "
                + "MESSAGE = 'could not serialize access'; END $$");
        assertThat(FailureClassifier.isPermanent(serialization)).isFalse();
        assertThat(FailureClassifier.isTransient(serialization)).isTrue();
    }

    private PgException failureOf(String sql) {
        Throwable failure = pool.query(sql).execute()
                .onItem().transform(rows -> (Throwable) null)
                .onFailure().recoverWithItem(error -> error)
                .await().atMost(TIMEOUT);
        assertThat(failure).as("failure of %s", sql).isInstanceOf(PgException.class);
        return (PgException) failure;
    }

    private double retries() {
        Counter counter = registry.find(ConsumerFailurePolicy.RETRIES_METRIC).tags("topic", Topics.CHAT_EVENTS)
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
