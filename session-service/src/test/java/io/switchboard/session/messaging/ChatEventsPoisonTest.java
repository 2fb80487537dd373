package io.switchboard.session.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
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
import io.switchboard.kit.consumer.DeadLetters;
import io.switchboard.testing.SuperuserDataSource;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.testing.kafka.RawProducer;
import io.switchboard.testing.kafka.RecordCollector;
import io.switchboard.testing.postgres.RefusedInserts;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The poison corpus on chat.events: every record here once stopped the consumer or failed in PostgreSQL. Each
 * is dead-lettered once, keyed as it was, with its reason, and the chat of another tenant whose records come
 * right after them on the same partition is stored as if nothing had happened.
 */
@QuarkusTest
@WithTestResource(value = SwitchboardInfrastructureResource.class,
        initArgs = @ResourceArg(name = SwitchboardInfrastructureResource.DATABASE, value = Databases.SESSIONS))
class ChatEventsPoisonTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String AT = "2026-01-01T00:00:00Z";

    @Inject
    MeterRegistry registry;

    @Inject
    @ReactiveDataSource(SuperuserDataSource.NAME)
    Pool pool;

    private final String alice = TestTokens.bearer("tenant-a", "alice");
    private final String bob = TestTokens.bearer("tenant-b", "bob");

    @Test
    void everyPoisonRecordIsDeadLetteredByItsKeyAndTheNextTenantsChatIsStored() {
        String aliceChat = SessionApi.createChat(alice);
        String bobChat = SessionApi.createChat(bob);
        // All on the partition of bob's chat, ahead of its records: what blocked there would block bob.
        int partition = SessionApi.partitionOf(bobChat);
        String completed = "{\"text\":\"answer\",\"usage\":{\"inputTokens\":1,\"outputTokens\":2}}";
        String upperCase = UUID.randomUUID().toString().toUpperCase();
        Map<String, String> poison = new LinkedHashMap<>();
        String nul = key(poison, "invalid_text");
        String loneSurrogate = key(poison, "invalid_text");
        String notJson = key(poison, "malformed");
        String deep = key(poison, "malformed");
        poison.put(upperCase, "invalid_chat_id");
        String noTenant = key(poison, "missing_tenant_id");
        String unknownType = key(poison, "unknown_type");
        String futureVersion = key(poison, "unsupported_version");
        String missingText = key(poison, "invalid_payload");
        // The consumer never sees a tombstone's value: it is unreadable, not merely empty.
        String tombstone = key(poison, "unreadable");
        // A clean record of a real chat that the database refuses as it refused NUL before the contract did.
        String refusedTurn = UUID.randomUUID().toString();
        poison.put(aliceChat, "unprocessable");

        double retriesBefore = count(ConsumerFailurePolicy.RETRIES_METRIC, "topic", Topics.CHAT_EVENTS);
        double refusedBefore = deadLettered("unprocessable");
        Map<String, Long> offsets = new LinkedHashMap<>();
        UUID bobTurn = UUID.randomUUID();
        try (RefusedInserts refusal = RefusedInserts.always(pool, "message", "NEW.turn_id = '" + refusedTurn + "'",
                "22021", "invalid byte sequence for encoding \"UTF8\": 0x00");
                RecordCollector deadLetters = RecordCollector.fromEnd(Topics.deadLetter(Topics.CHAT_EVENTS));
                RawProducer producer = RawProducer.create()) {
            offsets.put(nul, SessionApi.sendRaw(producer, partition, nul, SessionApi.envelope("TurnCompleted", nul,
                    "tenant-a", turn(), AT, 1,
                    "{\"text\":\"a\\u0000b\",\"usage\":{\"inputTokens\":1,\"outputTokens\":2}}")));
            offsets.put(loneSurrogate, SessionApi.sendRaw(producer, partition, loneSurrogate,
                    SessionApi.envelope("TurnQueued", loneSurrogate, "tenant-a", turn(), AT, 1,
                            "{\"clientMessageId\":\"m\",\"userId\":\"alice\",\"text\":\"wave \\ud83d\","
                                    + "\"model\":\"offline\",\"position\":0}")));
            offsets.put(notJson, SessionApi.sendRaw(producer, partition, notJson, "{\"type\": \"TurnCompleted\""));
            offsets.put(deep, SessionApi.sendRaw(producer, partition, deep, SessionApi.envelope("TurnCompleted", deep,
                    "tenant-a", turn(), AT, 1, "{\"text\":\"x\",\"usage\":{\"inputTokens\":1,\"outputTokens\":2},"
                            + "\"extra\":" + "[".repeat(5000) + "]".repeat(5000) + "}")));
            offsets.put(upperCase, SessionApi.sendRaw(producer, partition, upperCase,
                    SessionApi.envelope("TurnCompleted", upperCase, "tenant-a", turn(), AT, 1, completed)));
            offsets.put(noTenant, SessionApi.sendRaw(producer, partition, noTenant,
                    SessionApi.envelope("TurnCompleted", noTenant, null, turn(), AT, 1, completed)));
            offsets.put(unknownType, SessionApi.sendRaw(producer, partition, unknownType,
                    SessionApi.envelope("TurnExploded", unknownType, "tenant-a", turn(), AT, 1, completed)));
            offsets.put(futureVersion, SessionApi.sendRaw(producer, partition, futureVersion,
                    SessionApi.envelope("TurnCompleted", futureVersion, "tenant-a", turn(), AT, 99, completed)));
            offsets.put(missingText, SessionApi.sendRaw(producer, partition, missingText,
                    SessionApi.envelope("TurnCompleted", missingText, "tenant-a", turn(), AT, 1,
                            "{\"usage\":{\"inputTokens\":1,\"outputTokens\":2}}")));
            offsets.put(tombstone, SessionApi.sendRaw(producer, partition, tombstone, null));
            offsets.put(aliceChat, SessionApi.sendRaw(producer, partition, aliceChat,
                    SessionApi.envelope("TurnQueued", aliceChat, "tenant-a", refusedTurn, AT, 1,
                            "{\"clientMessageId\":\"m\",\"userId\":\"alice\",\"text\":\"hello\","
                                    + "\"model\":\"offline\",\"position\":0}")));

            SessionApi.send(producer, Envelope.of(bobChat, "tenant-b", 1, bobTurn,
                    new TurnQueued("b1", "bob", "still there?", "offline", 0)));
            SessionApi.send(producer, Envelope.of(bobChat, "tenant-b", 2, bobTurn,
                    new TurnCompleted("yes", new TokenUsage(1, 1))));

            await().atMost(TIMEOUT).untilAsserted(() -> given().auth().oauth2(bob)
                    .get("/chats/{id}/messages", bobChat)
                    .then().statusCode(200)
                    .body("content", contains("still there?", "yes")));

            List<ConsumerRecord<String, byte[]>> copies = deadLetters.awaitRecords(
                    copy -> poison.containsKey(copy.key()), poison.size(), TIMEOUT);
            assertThat(copies).extracting(ConsumerRecord::key).containsExactlyInAnyOrderElementsOf(poison.keySet());
            for (ConsumerRecord<String, byte[]> copy : copies) {
                assertThat(header(copy, DeadLetters.REASON)).as("reason of %s", copy.key())
                        .isEqualTo(poison.get(copy.key()));
                assertThat(header(copy, DeadLetters.SOURCE_TOPIC)).isEqualTo(Topics.CHAT_EVENTS);
                assertThat(header(copy, DeadLetters.SOURCE_PARTITION)).isEqualTo(String.valueOf(partition));
                assertThat(header(copy, DeadLetters.SOURCE_OFFSET)).as("offset of %s", copy.key())
                        .isEqualTo(String.valueOf(offsets.get(copy.key())));
                assertThat(header(copy, DeadLetters.CONSUMER)).isEqualTo("session-service");
            }
            ConsumerRecord<String, byte[]> refused = copies.stream().filter(copy -> copy.key().equals(aliceChat))
                    .findFirst().orElseThrow();
            // The original bytes, so that an operator can fix and replay the record.
            assertThat(RecordCollector.text(refused)).contains(refusedTurn);
            assertThat(header(refused, DeadLetters.ERROR)).contains("invalid byte sequence");
            assertThat(refusal.attempts()).as("attempts at the refused insert").isEqualTo(1);
        }
        // A failure the database will repeat is not retried: it was tried once and set aside.
        assertThat(count(ConsumerFailurePolicy.RETRIES_METRIC, "topic", Topics.CHAT_EVENTS)).isEqualTo(retriesBefore);
        assertThat(deadLettered("unprocessable")).isEqualTo(refusedBefore + 1);
        given().auth().oauth2(alice).get("/chats/{id}/messages", aliceChat)
                .then().statusCode(200).body("$", empty());
    }

    private static String key(Map<String, String> poison, String reason) {
        String chatId = UUID.randomUUID().toString();
        poison.put(chatId, reason);
        return chatId;
    }

    private static String turn() {
        return UUID.randomUUID().toString();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private double deadLettered(String reason) {
        return count(DeadLetters.METRIC, "topic", Topics.CHAT_EVENTS, "reason", reason);
    }

    private double count(String name, String... tags) {
        Counter counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }
}
