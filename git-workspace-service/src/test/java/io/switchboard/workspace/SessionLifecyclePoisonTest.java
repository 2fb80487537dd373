package io.switchboard.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.switchboard.events.Topics;
import io.switchboard.events.workspace.WorkspaceFailed;
import io.switchboard.events.workspace.WorkspaceReady;
import io.switchboard.infra.Databases;
import io.switchboard.infra.InfraSettings;
import io.switchboard.kit.consumer.ConsumerFailurePolicy;
import io.switchboard.kit.consumer.DeadLetters;
import io.switchboard.kit.consumer.GivenUp;
import io.switchboard.testing.SuperuserDataSource;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.testing.kafka.RawProducer;
import io.switchboard.testing.kafka.RecordCollector;
import io.switchboard.testing.postgres.RefusedInserts;
import io.switchboard.workspace.WorkspaceEvents.Published;
import io.switchboard.workspace.git.RepositoryLayout;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The poison corpus on session.lifecycle: each record is dead-lettered once, keyed as it was, with its reason,
 * and the next tenant's chat on the same partition still gets its branch. A chat whose ChatCreated the service
 * gives up on hears WorkspaceFailed instead of waiting for a workspace for ever.
 */
@QuarkusTest
@WithTestResource(value = SwitchboardInfrastructureResource.class,
        initArgs = @ResourceArg(name = SwitchboardInfrastructureResource.DATABASE, value = Databases.WORKSPACES))
class SessionLifecyclePoisonTest {

    private static final String AT = "2026-01-01T00:00:00Z";

    @Inject
    MeterRegistry registry;

    @Inject
    @ReactiveDataSource(SuperuserDataSource.NAME)
    Pool pool;

    @Inject
    RepositoryLayout layout;

    @Test
    void everyPoisonRecordIsDeadLetteredByItsKeyAndTheNextTenantsChatGetsItsBranch() {
        String chatId = UUID.randomUUID().toString();
        String tenant = "tenant-" + UUID.randomUUID();
        UUID projectId = UUID.randomUUID();
        // All on the partition of that chat, ahead of its ChatCreated: what blocked there would block it.
        int partition = partitionOf(chatId);
        String created = created(UUID.randomUUID());
        String upperCase = UUID.randomUUID().toString().toUpperCase();
        Map<String, String> poison = new LinkedHashMap<>();
        Map<String, String> values = new LinkedHashMap<>();
        values.put(key(poison, "invalid_text"), envelope("ChatCreated", "@", "tenant-x", 1,
                "{\"projectId\":\"" + UUID.randomUUID() + "\",\"userId\":\"u\",\"title\":\"a\\u0000b\","
                        + "\"model\":\"offline\"}"));
        values.put(key(poison, "invalid_text"), envelope("ChatCreated", "@", "tenant-x", 1,
                "{\"projectId\":\"" + UUID.randomUUID() + "\",\"userId\":\"\\udc4b\",\"title\":\"t\","
                        + "\"model\":\"offline\"}"));
        values.put(key(poison, "malformed"), "{\"type\":\"ChatCreated\",");
        values.put(key(poison, "malformed"), envelope("ChatCreated", "@", "tenant-x", 1,
                "{\"projectId\":\"" + UUID.randomUUID() + "\",\"userId\":\"u\",\"title\":\"t\",\"model\":\"offline\","
                        + "\"extra\":" + "{\"a\":".repeat(3000) + "1" + "}".repeat(3000) + "}"));
        poison.put(upperCase, "invalid_chat_id");
        values.put(upperCase, envelope("ChatCreated", upperCase, "tenant-x", 1, created));
        values.put(key(poison, "missing_tenant_id"), envelope("ChatCreated", "@", null, 1, created));
        values.put(key(poison, "unknown_type"), envelope("ChatTeleported", "@", "tenant-x", 1, created));
        values.put(key(poison, "unsupported_version"), envelope("ChatCreated", "@", "tenant-x", 99, created));
        values.put(key(poison, "invalid_payload"), envelope("ChatCreated", "@", "tenant-x", 1,
                "{\"projectId\":\"" + UUID.randomUUID() + "\",\"userId\":\"u\",\"model\":\"offline\"}"));
        values.put(key(poison, "invalid_payload"), envelope("ChatForked", "@", "tenant-x", 1,
                "{\"projectId\":\"not a uuid\",\"userId\":\"u\",\"sourceChatId\":\"s\",\"title\":\"t\","
                        + "\"model\":\"offline\"}"));
        // The consumer never sees a tombstone's value: it is unreadable, not merely empty.
        values.put(key(poison, "unreadable"), null);

        double deadLetteredBefore = count(DeadLetters.METRIC, "topic", Topics.SESSION_LIFECYCLE);
        Map<String, Long> offsets = new LinkedHashMap<>();
        try (RecordCollector deadLetters = RecordCollector.fromEnd(Topics.deadLetter(Topics.SESSION_LIFECYCLE));
                WorkspaceEvents events = new WorkspaceEvents();
                RawProducer producer = RawProducer.create()) {
            values.forEach((key, value) -> offsets.put(key, sendRaw(producer, partition, key,
                    value == null ? null : value.replace("\"chatId\":\"@\"", "\"chatId\":\"" + key + "\""))));
            LifecycleEvents.send(LifecycleEvents.created(chatId, tenant, projectId));

            Published ready = events.awaitEvent(chatId, "WorkspaceReady");
            assertThat(ready.key()).isEqualTo(chatId);
            assertThat(ready.payload(WorkspaceReady.class).projectId()).isEqualTo(projectId);

            List<ConsumerRecord<String, byte[]>> copies = deadLetters.awaitRecords(
                    copy -> poison.containsKey(copy.key()), poison.size(), WorkspaceEvents.TIMEOUT);
            assertThat(copies).extracting(ConsumerRecord::key).containsExactlyInAnyOrderElementsOf(poison.keySet());
            for (ConsumerRecord<String, byte[]> copy : copies) {
                assertThat(header(copy, DeadLetters.REASON)).as("reason of %s", copy.key())
                        .isEqualTo(poison.get(copy.key()));
                assertThat(header(copy, DeadLetters.SOURCE_TOPIC)).isEqualTo(Topics.SESSION_LIFECYCLE);
                assertThat(header(copy, DeadLetters.SOURCE_PARTITION)).isEqualTo(String.valueOf(partition));
                assertThat(header(copy, DeadLetters.SOURCE_OFFSET)).as("offset of %s", copy.key())
                        .isEqualTo(String.valueOf(offsets.get(copy.key())));
                assertThat(header(copy, DeadLetters.CONSUMER)).isEqualTo("git-workspace-service");
            }
            // Nothing was made for any of them: no workspace, no event.
            for (String key : poison.keySet()) {
                assertThat(events.of(key)).as("events of %s", key).isEmpty();
            }
        }
        assertThat(count(DeadLetters.METRIC, "topic", Topics.SESSION_LIFECYCLE))
                .isEqualTo(deadLetteredBefore + poison.size());
    }

    @Test
    void aChatCreatedTheDatabaseRefusesIsSetAsideOnceAndTheChatHearsWorkspaceFailed() {
        String chatId = UUID.randomUUID().toString();
        String next = UUID.randomUUID().toString();
        String tenant = "tenant-" + UUID.randomUUID();
        UUID projectId = UUID.randomUUID();
        double retriesBefore = count(ConsumerFailurePolicy.RETRIES_METRIC, "topic", Topics.SESSION_LIFECYCLE);
        // 23514 check_violation: the database refuses this row, and will refuse it again.
        try (RefusedInserts refusal = RefusedInserts.always(pool, "workspace",
                "NEW.chat_id = '" + chatId + "' AND NEW.status = 'READY'", "23514",
                "new row for relation \"workspace\" violates check constraint");
                RecordCollector deadLetters = RecordCollector.fromEnd(Topics.deadLetter(Topics.SESSION_LIFECYCLE));
                WorkspaceEvents events = new WorkspaceEvents()) {
            LifecycleEvents.send(LifecycleEvents.created(chatId, tenant, projectId));

            Published failed = events.awaitEvent(chatId, "WorkspaceFailed");
            assertThat(failed.key()).isEqualTo(chatId);
            assertThat(failed.envelope().seq()).isEqualTo(1);
            assertThat(failed.envelope().tenantId()).isEqualTo(tenant);
            assertThat(failed.payload(WorkspaceFailed.class).projectId()).isEqualTo(projectId);
            assertThat(failed.payload(WorkspaceFailed.class).reason()).contains("set aside")
                    .doesNotContain("Exception").doesNotContain("/work/");

            ConsumerRecord<String, byte[]> copy = deadLetters.awaitRecord(record -> chatId.equals(record.key()),
                    WorkspaceEvents.TIMEOUT);
            assertThat(header(copy, DeadLetters.REASON)).isEqualTo(GivenUp.UNPROCESSABLE);
            assertThat(header(copy, DeadLetters.ERROR)).contains("violates check constraint");
            assertThat(refusal.attempts()).as("attempts at the refused row").isEqualTo(1);

            // The partition moved on: the same project's next chat gets its branch.
            LifecycleEvents.send(LifecycleEvents.created(next, tenant, projectId));
            events.awaitEvent(next, "WorkspaceReady");
            assertThat(events.of(chatId)).hasSize(1);
        }
        assertThat(count(ConsumerFailurePolicy.RETRIES_METRIC, "topic", Topics.SESSION_LIFECYCLE))
                .isEqualTo(retriesBefore);
        RestAssured.given().auth().oauth2(TestTokens.bearer(tenant, "user-1"))
                .get("/workspaces/{chatId}", chatId)
                .then().statusCode(200)
                .body("status", equalTo("FAILED"))
                .body("failureReason", equalTo("The request could not be processed and was set aside"));
    }

    @Test
    void aDatabaseFailureThatPassesIsRetriedAndTheChatGetsItsOneBranch() {
        String chatId = UUID.randomUUID().toString();
        String tenant = "tenant-" + UUID.randomUUID();
        UUID projectId = UUID.randomUUID();
        double retriesBefore = count(ConsumerFailurePolicy.RETRIES_METRIC, "topic", Topics.SESSION_LIFECYCLE);
        // 40001 serialization_failure: another attempt can succeed.
        try (RefusedInserts conflict = RefusedInserts.times(pool, "workspace",
                "NEW.chat_id = '" + chatId + "' AND NEW.status = 'READY'", "40001",
                "could not serialize access due to concurrent update", 2);
                WorkspaceEvents events = new WorkspaceEvents()) {
            LifecycleEvents.send(LifecycleEvents.created(chatId, tenant, projectId));

            Published ready = events.awaitEvent(chatId, "WorkspaceReady");
            assertThat(ready.envelope().seq()).isEqualTo(1);
            assertThat(conflict.attempts()).isEqualTo(3);
            // The branch the first attempt cut is the one the third recorded.
            assertThat(GitRepositories.branchHead(layout.projectRepository(projectId),
                    LifecycleEvents.createdBranch(chatId)))
                    .contains(ready.payload(WorkspaceReady.class).headCommit());
        }
        assertThat(count(ConsumerFailurePolicy.RETRIES_METRIC, "topic", Topics.SESSION_LIFECYCLE))
                .isEqualTo(retriesBefore + 2);
    }

    private static String key(Map<String, String> poison, String reason) {
        String chatId = UUID.randomUUID().toString();
        poison.put(chatId, reason);
        return chatId;
    }

    private static String created(UUID projectId) {
        return "{\"projectId\":\"" + projectId + "\",\"userId\":\"u\",\"title\":\"t\",\"model\":\"offline\"}";
    }

    /** An envelope as JSON text, each field as given: for writing what no serializer of ours would. */
    private static String envelope(String type, String chatId, String tenantId, int version, String payload) {
        return "{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"" + type + "\",\"chatId\":\"" + chatId
                + "\",\"tenantId\":" + (tenantId == null ? "null" : "\"" + tenantId + "\"")
                + ",\"seq\":1,\"turnId\":null,\"at\":\"" + AT + "\",\"v\":" + version + ",\"payload\":" + payload + "}";
    }

    /** The partition Kafka's default partitioner gives the key, for putting other records in front of it. */
    private static int partitionOf(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % InfraSettings.DEFAULT_PARTITIONS;
    }

    private static long sendRaw(RawProducer producer, int partition, String key, String value) {
        byte[] bytes = value == null ? null : value.getBytes(StandardCharsets.UTF_8);
        return producer.send(new ProducerRecord<>(Topics.SESSION_LIFECYCLE, partition, key, bytes)).offset();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The sum over every counter of the name with these tags, whatever their other tags. */
    private double count(String name, String... tags) {
        return registry.find(name).tags(tags).counters().stream().mapToDouble(Counter::count).sum();
    }
}
