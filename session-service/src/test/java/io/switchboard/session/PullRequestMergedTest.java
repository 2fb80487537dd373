package io.switchboard.session;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.Envelope;
import io.switchboard.events.Topics;
import io.switchboard.events.json.EventJson;
import io.switchboard.events.lifecycle.ChatArchived;
import io.switchboard.events.lifecycle.ChatCreated;
import io.switchboard.events.lifecycle.ChatUpdated;
import io.switchboard.events.workspace.PullRequestUpdated;
import io.switchboard.infra.Databases;
import io.switchboard.kit.consumer.DeadLetters;
import io.switchboard.session.messaging.SessionApi;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.testing.kafka.RawProducer;
import io.switchboard.testing.kafka.RecordCollector;

/**
 * A merged pull request on workspace.events marks its chat completed, once, with the same ChatUpdated as the user's
 * "mark completed"; other states and an archived chat change nothing, and no poison record stops the consumer.
 * Whether a record was consumed is told by a marker: a merged pull request of a fresh chat sent after it to the
 * same partition, which is consumed only after it.
 */
@QuarkusTest
@WithTestResource(value = SwitchboardInfrastructureResource.class,
        initArgs = @ResourceArg(name = SwitchboardInfrastructureResource.DATABASE, value = Databases.SESSIONS))
class PullRequestMergedTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String TENANT_A = "tenant-a";
    private static final String TENANT_B = "tenant-b";
    private static final String REPOSITORY = "acme/widgets";

    private final String alice = TestTokens.bearer(TENANT_A, "alice");
    private final String bob = TestTokens.bearer(TENANT_B, "bob");

    @Test
    void aMergedPullRequestCompletesTheChatOnceWhileClosedAndOpenChangeNothing() {
        try (RecordCollector lifecycle = RecordCollector.fromEnd(Topics.SESSION_LIFECYCLE);
                RawProducer producer = RawProducer.create()) {
            String chatId = SessionApi.createChat(alice);
            String projectId = projectOf(alice, chatId);
            int partition = SessionApi.partitionOf(chatId);
            lifecycle.awaitRecord(r -> chatId.equals(r.key()), TIMEOUT);

            send(producer, partition, pullRequest(chatId, TENANT_A, projectId, 1, PullRequestUpdated.CLOSED,
                    PullRequestUpdated.OPEN));
            send(producer, partition, pullRequest(chatId, TENANT_A, projectId, 2, PullRequestUpdated.OPEN,
                    PullRequestUpdated.CLOSED));
            awaitConsumed(producer, lifecycle, partition);

            status(alice, chatId, "active");
            assertThat(eventsOf(lifecycle, chatId)).extracting(Envelope::payload)
                    .hasExactlyElementsOfTypes(ChatCreated.class);

            Envelope merged = pullRequest(chatId, TENANT_A, projectId, 3, PullRequestUpdated.MERGED,
                    PullRequestUpdated.OPEN);
            send(producer, partition, merged);

            await().atMost(TIMEOUT).untilAsserted(() -> status(alice, chatId, "completed"));
            List<ConsumerRecord<String, byte[]>> records = lifecycle.awaitRecords(r -> chatId.equals(r.key()), 2,
                    TIMEOUT);
            ConsumerRecord<String, byte[]> completion = records.get(1);
            assertThat(completion.key()).isEqualTo(chatId);
            Envelope completed = event(completion);
            assertThat(completed.chatId()).isEqualTo(chatId);
            assertThat(completed.tenantId()).isEqualTo(TENANT_A);
            assertThat(completed.seq()).isEqualTo(2);
            assertThat(completed.payloadAs(ChatUpdated.class).status()).isEqualTo("completed");
            assertThat(completed.payloadAs(ChatUpdated.class).projectId()).hasToString(projectId);

            // Redelivered as it was, and reported again (a refresh that saw the same state): nothing more.
            send(producer, partition, merged);
            send(producer, partition, pullRequest(chatId, TENANT_A, projectId, 4, PullRequestUpdated.MERGED,
                    PullRequestUpdated.OPEN));
            awaitConsumed(producer, lifecycle, partition);

            status(alice, chatId, "completed");
            assertThat(eventsOf(lifecycle, chatId)).extracting(Envelope::seq).containsExactly(1L, 2L);
            given().auth().oauth2(alice).get("/chats/{id}", chatId)
                    .then().statusCode(200).body("lifecycleSeq", equalTo(2));
        }
    }

    @Test
    void anArchivedChatStaysArchivedAndAnUnknownChatIsSkipped() {
        try (RecordCollector lifecycle = RecordCollector.fromEnd(Topics.SESSION_LIFECYCLE);
                RawProducer producer = RawProducer.create()) {
            String chatId = SessionApi.createChat(alice);
            String projectId = projectOf(alice, chatId);
            int partition = SessionApi.partitionOf(chatId);
            given().auth().oauth2(alice).post("/chats/{id}/archive", chatId)
                    .then().statusCode(200).body("status", equalTo("archived"));
            lifecycle.awaitRecords(r -> chatId.equals(r.key()), 2, TIMEOUT);

            String unknown = UUID.randomUUID().toString();
            send(producer, partition, pullRequest(unknown, TENANT_A, projectId, 1, PullRequestUpdated.MERGED,
                    PullRequestUpdated.OPEN));
            send(producer, partition, pullRequest(chatId, TENANT_A, projectId, 1, PullRequestUpdated.MERGED,
                    PullRequestUpdated.OPEN));
            awaitConsumed(producer, lifecycle, partition);

            status(alice, chatId, "archived");
            assertThat(eventsOf(lifecycle, chatId)).extracting(Envelope::payload)
                    .hasExactlyElementsOfTypes(ChatCreated.class, ChatArchived.class);
            given().auth().oauth2(alice).get("/chats/{id}", unknown).then().statusCode(404);
        }
    }

    @Test
    void poisonAndAnotherTenantsChatDoNotStopTheConsumer() {
        try (RecordCollector lifecycle = RecordCollector.fromEnd(Topics.SESSION_LIFECYCLE);
                RecordCollector deadLetters = RecordCollector.fromEnd(Topics.deadLetter(Topics.WORKSPACE_EVENTS));
                RawProducer producer = RawProducer.create()) {
            String bobChat = SessionApi.createChat(bob);
            String bobProject = projectOf(bob, bobChat);
            // All on the partition of bob's chat and under its key, ahead of its real record.
            int partition = SessionApi.partitionOf(bobChat);
            lifecycle.awaitRecord(r -> bobChat.equals(r.key()), TIMEOUT);

            long garbage = sendRaw(producer, partition, bobChat, "{\"type\": \"PullRequestUpdated\"");
            long unknownType = sendRaw(producer, partition, bobChat, SessionApi.envelope("PullRequestExploded",
                    bobChat, TENANT_B, null, "2026-01-01T00:00:00Z", 1, "{\"state\":\"merged\"}"));
            // Tenant a claims bob's chat: under tenant a's row-level security there is no such chat.
            send(producer, partition, pullRequest(bobChat, TENANT_A, bobProject, 1, PullRequestUpdated.MERGED,
                    PullRequestUpdated.OPEN));
            awaitConsumed(producer, lifecycle, partition);

            status(bob, bobChat, "active");
            assertThat(eventsOf(lifecycle, bobChat)).extracting(Envelope::payload)
                    .hasExactlyElementsOfTypes(ChatCreated.class);

            send(producer, partition, pullRequest(bobChat, TENANT_B, bobProject, 1, PullRequestUpdated.MERGED,
                    PullRequestUpdated.OPEN));

            await().atMost(TIMEOUT).untilAsserted(() -> status(bob, bobChat, "completed"));
            ConsumerRecord<String, byte[]> completion = lifecycle.awaitRecords(r -> bobChat.equals(r.key()), 2,
                    TIMEOUT).get(1);
            assertThat(completion.key()).isEqualTo(bobChat);
            assertThat(event(completion).tenantId()).isEqualTo(TENANT_B);
            assertThat(event(completion).payloadAs(ChatUpdated.class).status()).isEqualTo("completed");

            List<ConsumerRecord<String, byte[]>> copies = deadLetters.awaitRecords(r -> bobChat.equals(r.key()), 2,
                    TIMEOUT);
            assertThat(copies).extracting(copy -> header(copy, DeadLetters.REASON))
                    .containsExactly("malformed", "unknown_type");
            assertThat(copies).extracting(copy -> header(copy, DeadLetters.SOURCE_OFFSET))
                    .containsExactly(String.valueOf(garbage), String.valueOf(unknownType));
            assertThat(copies).allSatisfy(copy -> {
                assertThat(header(copy, DeadLetters.SOURCE_TOPIC)).isEqualTo(Topics.WORKSPACE_EVENTS);
                assertThat(header(copy, DeadLetters.SOURCE_PARTITION)).isEqualTo(String.valueOf(partition));
                assertThat(header(copy, DeadLetters.CONSUMER)).isEqualTo("session-service");
            });
            given().auth().oauth2(alice).get("/chats/{id}", bobChat).then().statusCode(404);
        }
    }

    /**
     * Returns once everything sent to the partition so far was consumed: a fresh chat's merged pull request, sent
     * there after it, has completed that chat, and its completion is on session.lifecycle.
     */
    private void awaitConsumed(RawProducer producer, RecordCollector lifecycle, int partition) {
        String marker = SessionApi.createChat(alice);
        send(producer, partition, pullRequest(marker, TENANT_A, projectOf(alice, marker), 1,
                PullRequestUpdated.MERGED, PullRequestUpdated.OPEN));
        await().atMost(TIMEOUT).untilAsserted(() -> status(alice, marker, "completed"));
        lifecycle.awaitRecord(r -> marker.equals(r.key()) && event(r).payload() instanceof ChatUpdated, TIMEOUT);
    }

    private static Envelope pullRequest(String chatId, String tenantId, String projectId, long seq, String state,
            String previousState) {
        return Envelope.of(chatId, tenantId, seq, null, new PullRequestUpdated(UUID.fromString(projectId),
                REPOSITORY, 7, "https://github.com/" + REPOSITORY + "/pull/7", state, previousState));
    }

    /** To the given partition, which need not be the key's: a marker goes behind the records it follows. */
    private static void send(RawProducer producer, int partition, Envelope event) {
        producer.send(new ProducerRecord<>(Topics.WORKSPACE_EVENTS, partition, event.chatId(),
                EventJson.toBytes(event)));
    }

    private static long sendRaw(RawProducer producer, int partition, String key, String value) {
        return producer.send(new ProducerRecord<>(Topics.WORKSPACE_EVENTS, partition, key,
                value.getBytes(StandardCharsets.UTF_8))).offset();
    }

    private static String projectOf(String token, String chatId) {
        return given().auth().oauth2(token).get("/chats/{id}", chatId)
                .then().statusCode(200).extract().path("projectId");
    }

    private static void status(String token, String chatId, String status) {
        given().auth().oauth2(token).get("/chats/{id}", chatId)
                .then().statusCode(200).body("status", equalTo(status));
    }

    /** The chat's events collected so far, each keyed by the chat. */
    private static List<Envelope> eventsOf(RecordCollector lifecycle, String chatId) {
        return lifecycle.records().stream().filter(r -> chatId.equals(r.key())).map(PullRequestMergedTest::event)
                .toList();
    }

    private static Envelope event(ConsumerRecord<String, byte[]> record) {
        Envelope event = EventJson.fromBytes(record.value());
        assertThat(record.key()).as("key of %s", event.type()).isEqualTo(event.chatId());
        return event;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
