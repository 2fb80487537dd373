package io.switchboard.launcher;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.http.ContentType;
import io.switchboard.events.Envelope;
import io.switchboard.events.Topics;
import io.switchboard.events.chat.TextDelta;
import io.switchboard.events.json.EventJson;

/** All four services, real Kafka and real PostgreSQL, driven through the gateway only. */
class EndToEndStreamingIT {

    private static Stack stack;
    private static String token;

    @BeforeAll
    static void startStack() {
        stack = TestStacks.shared();
        token = stack.token("tenant-e2e", "alice", Duration.ofHours(1));
    }

    @Test
    void twoChatsStreamAtTheSameTimeEachReceivingOnlyItsOwnEventsInOrder() {
        String projectId = createProject(token, "side by side");
        String chatA = createChat(token, projectId, "left pane");
        String chatB = createChat(token, projectId, "right pane");

        try (SocketClient socket = SocketClient.connect(stack.gatewayWebSocketUrl(), token)) {
            socket.subscribe(chatA);
            socket.subscribe(chatB);

            CompletableFuture<Void> sendA = CompletableFuture.runAsync(() -> {
                sendMessage(token, chatA, "first question for A");
                sendMessage(token, chatA, "second question for A");
            });
            CompletableFuture<Void> sendB = CompletableFuture.runAsync(() -> sendMessage(token, chatB, "only question for B"));
            CompletableFuture.allOf(sendA, sendB).join();

            await().atMost(Duration.ofSeconds(60)).until(() ->
                    count(socket.events("chat", chatA), "TurnCompleted") == 2
                            && count(socket.events("chat", chatB), "TurnCompleted") == 1);

            assertOwnOrderedStream(socket, chatA, 2);
            assertOwnOrderedStream(socket, chatB, 1);
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    count(socket.events("workspace", chatA), "WorkspaceReady") == 1
                            && count(socket.events("workspace", chatB), "WorkspaceReady") == 1);
            assertThat(socket.events("workspace", chatA).get(0).at("/payload/branch").asText())
                    .isEqualTo(ChatBranchNames.of("left-pane", chatA));
            // Created, then the figures of each message session-service stored: nothing of chat B's.
            List<String> lifecycle = socket.events("lifecycle", chatA).stream().map(e -> e.path("type").asText())
                    .toList();
            assertThat(lifecycle.get(0)).isEqualTo("ChatCreated");
            assertThat(lifecycle.subList(1, lifecycle.size())).hasSizeLessThanOrEqualTo(4)
                    .allMatch("ChatActivityChanged"::equals);
        }

        assertHistoryMatchesStream(chatA, List.of("first question for A", "second question for A"));
        assertHistoryMatchesStream(chatB, List.of("only question for B"));
    }

    @Test
    void anotherTenantSeesNothingOverRestOrWebSocket() {
        String projectId = createProject(token, "private");
        String chat = createChat(token, projectId, "secret");
        String intruder = stack.token("tenant-other", "mallory", Duration.ofHours(1));

        given().baseUri(stack.gatewayUrl()).auth().oauth2(intruder)
                .get("/api/chats/{id}", chat)
                .then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404)).body("detail", containsString("does not exist"));
        given().baseUri(stack.gatewayUrl()).auth().oauth2(intruder).contentType(ContentType.JSON)
                .body("{\"text\":\"let me in\"}")
                .post("/api/chats/{id}/messages", chat)
                .then().statusCode(404).contentType("application/problem+json");

        try (SocketClient socket = SocketClient.connect(stack.gatewayWebSocketUrl(), intruder)) {
            socket.send("{\"type\":\"subscribe\",\"chatId\":\"" + chat + "\",\"afterSeq\":0}");
            JsonNode error = socket.awaitFrame(frame -> frame.path("type").asText().equals("error"),
                    Duration.ofSeconds(10));
            assertThat(error.path("code").asText()).isEqualTo("not_found");
            assertThat(error.toString()).doesNotContain("tenant-e2e", "secret");
        }
    }

    @Test
    void recordsWithAMissingOrForeignKeyNeverReachASubscriber() throws Exception {
        String projectId = createProject(token, "guarded");
        String chat = createChat(token, projectId, "target");
        try (SocketClient socket = SocketClient.connect(stack.gatewayWebSocketUrl(), token);
                KafkaProducer<String, byte[]> producer = rawProducer()) {
            socket.subscribe(chat);
            Envelope forged = Envelope.of(chat, "tenant-e2e", 1, UUID.randomUUID(), new TextDelta("forged"));
            producer.send(new ProducerRecord<>(Topics.CHAT_EVENTS, UUID.randomUUID().toString(),
                    EventJson.toBytes(forged))).get();
            producer.send(new ProducerRecord<>(Topics.CHAT_EVENTS, null, EventJson.toBytes(forged))).get();

            sendMessage(token, chat, "a real message after the forged ones");
            await().atMost(Duration.ofSeconds(60)).until(() -> count(socket.events("chat", chat), "TurnCompleted") == 1);

            assertThat(socket.events("chat", chat)).extracting(e -> e.at("/payload/text").asText())
                    .doesNotContain("forged");
            assertOwnOrderedStream(socket, chat, 1);
            String metrics = given().baseUri(stack.gatewayManagementUrl()).get("/q/metrics").asString();
            assertThat(metrics).containsPattern(
                    "switchboard_events_rejected_total\\{[^}]*reason=\"key_mismatch\"[^}]*topic=\"chat.events\"[^}]*} [1-9]");
        }
    }

    private static KafkaProducer<String, byte[]> rawProducer() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.infra().bootstrapServers());
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(properties);
    }

    /** Every event is this chat's, seqs run 1, 2, 3... and each turn reads queued, started, deltas, completed. */
    private static void assertOwnOrderedStream(SocketClient socket, String chatId, int turns) {
        List<JsonNode> events = socket.events("chat", chatId);
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).path("chatId").asText()).isEqualTo(chatId);
            assertThat(events.get(i).path("seq").asLong()).as("seq of event %d", i).isEqualTo(i + 1);
        }
        assertThat(count(events, "TurnQueued")).isEqualTo(turns);
        assertThat(count(events, "TurnStarted")).isEqualTo(turns);
        assertThat(count(events, "TurnCompleted")).isEqualTo(turns);
        List<String> started = new ArrayList<>();
        for (JsonNode event : events) {
            String type = event.path("type").asText();
            String turn = event.path("turnId").asText();
            if (type.equals("TurnStarted")) {
                assertThat(started).as("turns of one chat never overlap").isEmpty();
                started.add(turn);
            } else if (type.equals("TextDelta")) {
                assertThat(started).containsExactly(turn);
            } else if (type.equals("TurnCompleted")) {
                assertThat(started).containsExactly(turn);
                started.clear();
            }
        }
    }

    private static void assertHistoryMatchesStream(String chatId, List<String> questions) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode history = EventJson.mapper().readTree(given().baseUri(stack.gatewayUrl()).auth().oauth2(token)
                    .get("/api/chats/{id}/messages", chatId)
                    .then().statusCode(200).extract().asString());
            assertThat(history).hasSize(questions.size() * 2);
            for (int i = 0; i < questions.size(); i++) {
                JsonNode user = history.get(2 * i);
                JsonNode assistant = history.get(2 * i + 1);
                assertThat(user.path("role").asText()).isEqualTo("user");
                assertThat(user.path("content").asText()).isEqualTo(questions.get(i));
                assertThat(assistant.path("role").asText()).isEqualTo("assistant");
                assertThat(assistant.path("status").asText()).isEqualTo("complete");
                assertThat(assistant.path("content").asText()).startsWith("Offline answer to \"" + questions.get(i).split(" ")[0]);
                assertThat(assistant.path("turnId").asText()).isEqualTo(user.path("turnId").asText());
            }
        });
    }

    private static long count(List<JsonNode> events, String type) {
        return events.stream().filter(event -> event.path("type").asText().equals(type)).count();
    }

    static String createProject(String token, String name) {
        return given().baseUri(stack.gatewayUrl()).auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\"}")
                .post("/api/projects")
                .then().statusCode(201).extract().path("id");
    }

    static String createChat(String token, String projectId, String title) {
        return given().baseUri(stack.gatewayUrl()).auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"title\":\"" + title + "\"}")
                .post("/api/projects/{id}/chats", projectId)
                .then().statusCode(201).body("model", equalTo("offline")).extract().path("id");
    }

    static void sendMessage(String token, String chatId, String text) {
        given().baseUri(stack.gatewayUrl()).auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"text\":\"" + text + "\"}")
                .post("/api/chats/{id}/messages", chatId)
                .then().statusCode(202).body("chatId", equalTo(chatId));
    }
}
