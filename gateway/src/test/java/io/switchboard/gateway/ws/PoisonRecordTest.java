package io.switchboard.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.Envelope;
import io.switchboard.events.EventPayload;
import io.switchboard.events.Topics;
import io.switchboard.events.chat.TextDelta;
import io.switchboard.events.json.EventJson;
import io.switchboard.events.kafka.ChatKeyGuard;
import io.switchboard.events.lifecycle.ChatUpdated;
import io.switchboard.events.workspace.Committed;
import io.switchboard.gateway.GatewayFixtures;
import io.switchboard.kit.consumer.ConsumerFailurePolicy;
import io.switchboard.kit.consumer.DeadLetters;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.testing.kafka.RawProducer;
import io.switchboard.testing.kafka.RecordCollector;
import io.vertx.core.Vertx;

/**
 * Poison records on the three topics the gateway reads: bad text, a chatId in capitals, no tenant, an unknown
 * type, a version from the future, a payload missing its fields, no JSON at all, a tombstone, a key that is not
 * the chatId. None is delivered; each is counted and copied to its dead-letter topic, keyed as it was; and the
 * events after them still reach the chat's subscriber, on every stream. A record whose handling fails in the
 * gateway is dead-lettered too, and the feed goes on.
 */
@QuarkusTest
@WithTestResource(SwitchboardInfrastructureResource.class)
class PoisonRecordTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TENANT = "tenant-r";
    /** Reasons of records that could not be read as an event at all. */
    private static final List<String> UNREADABLE = List.of("malformed", "unknown_type", "unsupported_version",
            "invalid_payload", "invalid_text", "unreadable");

    @TestHTTPResource("/")
    URI base;

    @Inject
    Vertx vertx;

    @Inject
    MeterRegistry registry;

    @Inject
    ConsumerFailurePolicy policy;

    private RawProducer producer;
    private final Map<String, RecordCollector> deadLetters = new HashMap<>();
    private TestSocket socket;

    /** One poison record: where it went, and the reason its dead-letter copy must give. */
    private record Poison(String topic, String key, byte[] value, String reason, RecordMetadata sent) {
    }

    @BeforeEach
    void start() {
        producer = RawProducer.create();
        for (String topic : List.of(Topics.CHAT_EVENTS, Topics.WORKSPACE_EVENTS, Topics.SESSION_LIFECYCLE)) {
            deadLetters.put(topic, RecordCollector.fromEnd(Topics.deadLetter(topic)));
        }
    }

    @AfterEach
    void stop() {
        if (socket != null) {
            socket.close();
        }
        deadLetters.values().forEach(RecordCollector::close);
        producer.close();
    }

    @Test
    void poisonOnEveryTopicIsCountedAndDeadLetteredAndTheFollowedChatStillGetsItsEvents() {
        String chatId = GatewayFixtures.announceChat(producer, TENANT, "rita", "offline");
        subscribe(chatId);
        Map<String, Double> rejectedBefore = rejectedCounts();

        List<Poison> poisons = new ArrayList<>();
        poisons.addAll(poison(Topics.CHAT_EVENTS, TextDelta::new));
        poisons.addAll(poison(Topics.WORKSPACE_EVENTS, text -> new Committed("main", "abc123", text)));
        poisons.addAll(poison(Topics.SESSION_LIFECYCLE, text -> new ChatUpdated(UUID.randomUUID(), text, "offline")));

        // After them, the followed chat's events, one of them stamped by a clock a thousand years off.
        ObjectNode ancient = EventJson.toTree(GatewayFixtures.chatEvent(chatId, TENANT, 1, null, new TextDelta("old")));
        ancient.put("at", "1000-01-01T00:00:00Z");
        producer.send(Topics.CHAT_EVENTS, chatId, bytes(ancient));
        GatewayFixtures.publish(producer, Topics.CHAT_EVENTS,
                GatewayFixtures.chatEvent(chatId, TENANT, 2, null, new TextDelta("fresh")));
        GatewayFixtures.publish(producer, Topics.WORKSPACE_EVENTS,
                GatewayFixtures.chatEvent(chatId, TENANT, 1, null, new Committed("main", "def456", "work")));
        GatewayFixtures.publish(producer, Topics.SESSION_LIFECYCLE,
                GatewayFixtures.chatEvent(chatId, TENANT, 2, null, new ChatUpdated(UUID.randomUUID(), "renamed", "x")));

        await().atMost(WAIT).until(() -> seqs(chatId, "chat").size() == 2 && seqs(chatId, "workspace").size() == 1
                && seqs(chatId, "lifecycle").size() == 1);
        assertThat(seqs(chatId, "chat")).containsExactly(1L, 2L);
        assertThat(seqs(chatId, "workspace")).containsExactly(1L);
        assertThat(seqs(chatId, "lifecycle")).containsExactly(2L);

        for (Poison poison : poisons) {
            ConsumerRecord<String, byte[]> copy = deadLetters.get(poison.topic())
                    .awaitRecord(record -> poison.key().equals(record.key()), WAIT);
            String what = poison.topic() + " " + poison.reason();
            assertThat(copy.key()).as(what).isEqualTo(poison.key());
            assertThat(header(copy, DeadLetters.REASON)).as(what).isEqualTo(poison.reason());
            assertThat(header(copy, DeadLetters.CONSUMER)).as(what).isEqualTo("gateway");
            assertThat(header(copy, DeadLetters.SOURCE_TOPIC)).as(what).isEqualTo(poison.topic());
            assertThat(header(copy, DeadLetters.SOURCE_PARTITION)).as(what)
                    .isEqualTo(Integer.toString(poison.sent().partition()));
            assertThat(header(copy, DeadLetters.SOURCE_OFFSET)).as(what)
                    .isEqualTo(Long.toString(poison.sent().offset()));
            if (UNREADABLE.contains(poison.reason())) {
                // What could not be read is kept as it was written, for an operator to fix and replay.
                assertThat(copy.value()).as(what).isEqualTo(poison.value());
            }
            assertThat(rejectedCounts().getOrDefault(poison.topic() + "/" + poison.reason(), 0.0)).as(what)
                    .isGreaterThan(rejectedBefore.getOrDefault(poison.topic() + "/" + poison.reason(), 0.0));
        }
        assertThat(poisons).hasSize(3 * 9);
        assertThat(socket.frames().toString()).doesNotContain("poison").doesNotContain("\\u0000");
    }

    @Test
    void aRecordWhoseHandlingFailsIsDeadLetteredAndTheNextOneIsHandled() {
        // No real record makes the fan-out throw any more (that is the point of the guard); the failure policy
        // the feed runs every record under is driven here with a handler that fails as a bug would.
        String broken = UUID.randomUUID().toString();
        Envelope event = GatewayFixtures.chatEvent(broken, TENANT, 1, null, new TextDelta("boom"));
        RecordMetadata sent = producer.send(Topics.CHAT_EVENTS, broken, EventJson.toBytes(event));
        ConsumerRecord<String, Envelope> record = new ConsumerRecord<>(Topics.CHAT_EVENTS, sent.partition(),
                sent.offset(), broken, event);
        List<String> handled = new ArrayList<>();

        boolean first = policy.handleNow(record, () -> {
            throw new IllegalStateException("handler failed on purpose");
        });
        boolean second = policy.handleNow(record, () -> handled.add("next"));

        assertThat(first).isFalse();
        assertThat(second).isTrue();
        assertThat(handled).containsExactly("next");
        ConsumerRecord<String, byte[]> copy = deadLetters.get(Topics.CHAT_EVENTS)
                .awaitRecord(r -> broken.equals(r.key()), WAIT);
        assertThat(header(copy, DeadLetters.REASON)).isEqualTo("unprocessable");
        assertThat(header(copy, DeadLetters.ERROR)).contains("handler failed on purpose");
        assertThat(header(copy, DeadLetters.CONSUMER)).isEqualTo("gateway");
        assertThat(header(copy, DeadLetters.SOURCE_OFFSET)).isEqualTo(Long.toString(sent.offset()));
        assertThat(EventJson.fromBytes(copy.value()).payloadAs(TextDelta.class).text()).isEqualTo("boom");
    }

    /** Nine poison records for the topic, each under a key of its own; the payload factory takes the text. */
    private List<Poison> poison(String topic, Function<String, EventPayload> payload) {
        List<Poison> poisons = new ArrayList<>();
        String chat = UUID.randomUUID().toString();
        poisons.add(send(topic, chat, EventJson.toBytes(envelope(chat, TENANT, payload.apply("poison \u0000"))),
                "invalid_text"));

        String upper = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
        poisons.add(send(topic, upper, EventJson.toBytes(envelope(upper, TENANT, payload.apply("poison"))),
                "invalid_chat_id"));

        chat = UUID.randomUUID().toString();
        poisons.add(send(topic, chat, EventJson.toBytes(envelope(chat, null, payload.apply("poison"))),
                "missing_tenant_id"));

        chat = UUID.randomUUID().toString();
        poisons.add(send(topic, chat, bytes(tree(chat, payload).put("type", "Teleported")), "unknown_type"));

        chat = UUID.randomUUID().toString();
        poisons.add(send(topic, chat, bytes(tree(chat, payload).put("v", 99)), "unsupported_version"));

        chat = UUID.randomUUID().toString();
        ObjectNode empty = tree(chat, payload);
        empty.putObject("payload");
        poisons.add(send(topic, chat, bytes(empty), "invalid_payload"));

        chat = UUID.randomUUID().toString();
        poisons.add(send(topic, chat, ("{\"chatId\":\"" + chat + "\", poison").getBytes(StandardCharsets.UTF_8),
                "malformed"));

        // A tombstone never reaches the deserializer: the guard finds no value to read.
        chat = UUID.randomUUID().toString();
        poisons.add(send(topic, chat, null, "unreadable"));

        String named = UUID.randomUUID().toString();
        String key = UUID.randomUUID().toString();
        poisons.add(send(topic, key, EventJson.toBytes(envelope(named, TENANT, payload.apply("poison"))),
                "key_mismatch"));
        return poisons;
    }

    private Poison send(String topic, String key, byte[] value, String reason) {
        return new Poison(topic, key, value, reason, producer.send(topic, key, value));
    }

    private static Envelope envelope(String chatId, String tenantId, EventPayload payload) {
        return Envelope.of(chatId, tenantId, 1, null, payload);
    }

    private static ObjectNode tree(String chatId, Function<String, EventPayload> payload) {
        return EventJson.toTree(envelope(chatId, TENANT, payload.apply("poison")));
    }

    private static byte[] bytes(ObjectNode tree) {
        return tree.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private Map<String, Double> rejectedCounts() {
        Map<String, Double> counts = new HashMap<>();
        for (Counter counter : registry.find(ChatKeyGuard.REJECTED_METRIC).counters()) {
            counts.merge(counter.getId().getTag("topic") + "/" + counter.getId().getTag("reason"), counter.count(),
                    Double::sum);
        }
        return counts;
    }

    private List<Long> seqs(String chatId, String stream) {
        return socket.frames().stream()
                .filter(f -> "event".equals(f.path("type").asText()) && stream.equals(f.path("stream").asText()))
                .map(f -> f.get("event"))
                .filter(event -> chatId.equals(event.path("chatId").asText()))
                .map(event -> event.path("seq").asLong())
                .toList();
    }

    /** Follows the chat over the socket once the gateway has learned it; its chat stream from the start. */
    private void subscribe(String chatId) {
        if (socket == null) {
            socket = TestSocket.connect(vertx, base, TestTokens.bearer(TENANT, "rita"));
        }
        SocketFixtures.subscribeWhenKnown(socket, chatId, 0L);
    }
}
