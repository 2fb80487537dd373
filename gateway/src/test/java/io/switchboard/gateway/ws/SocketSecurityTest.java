package io.switchboard.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.Envelope;
import io.switchboard.events.Topics;
import io.switchboard.events.chat.TextDelta;
import io.switchboard.events.command.SendMessage;
import io.switchboard.events.json.EventJson;
import io.switchboard.events.lifecycle.ChatDeleted;
import io.switchboard.gateway.GatewayFixtures;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.testing.kafka.RawProducer;
import io.switchboard.testing.kafka.RecordCollector;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;

/**
 * The socket's security matrix: every way in without a valid token is refused at the handshake, the
 * token travels in a subprotocol without being echoed, another tenant's chat reads exactly like a
 * deleted one, and oversized frames, floods and expired tokens end the connection. Each refused attempt
 * changes nothing: no command reaches chat.commands and no event reaches the client.
 */
@QuarkusTest
@WithTestResource(SwitchboardInfrastructureResource.class)
class SocketSecurityTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    Vertx vertx;

    private RawProducer producer;
    private RecordCollector commands;
    private final List<TestSocket> sockets = new ArrayList<>();

    @BeforeEach
    void start() {
        producer = RawProducer.create();
        commands = RecordCollector.fromEnd(Topics.CHAT_COMMANDS);
    }

    @AfterEach
    void stop() {
        sockets.forEach(TestSocket::close);
        commands.close();
        producer.close();
    }

    @Test
    void aHandshakeWithoutAValidTokenIsRefusedWith401() {
        String valid = TestTokens.bearer("tenant-a", "mallory");

        assertRefused(options -> {
        }, 401);
        assertRefused(bearer(SocketTokens.expired("tenant-a", "mallory")), 401);
        assertRefused(bearer(SocketTokens.wrongIssuer("tenant-a", "mallory")), 401);
        assertRefused(bearer(SocketTokens.tampered("tenant-a", "mallory", "tenant-b")), 401);
        assertRefused(bearer(SocketTokens.signedByAnotherKey("tenant-a", "mallory")), 401);
        assertRefused(bearer("not-a-token"), 401);
        // Never from the URL, where it would end up in access logs.
        assertRefused(options -> options.setURI("/ws?access_token=" + valid), 401);
        assertRefused(options -> options.setURI("/ws?token=" + valid), 401);
        assertRefused(subprotocols("switchboard.v1", "bearer." + SocketTokens.expired("tenant-a", "mallory")), 401);
        // Signed and valid, but naming no tenant: nobody's chats can be resolved for it.
        assertRefused(bearer(SocketTokens.validFor("", "mallory", Duration.ofHours(1))), 403);
    }

    @Test
    void theTokenOfferedAsASubprotocolIsAcceptedAndOnlySwitchboardV1IsEchoed() throws IOException {
        String token = TestTokens.bearer("tenant-a", "browser-user");
        String chatId = GatewayFixtures.announceChat(producer, "tenant-a", "browser-user", "offline");

        try (RawWebSocket raw = RawWebSocket.open(base, "Sec-WebSocket-Protocol: switchboard.v1, bearer." + token)) {
            String head = raw.responseHead();
            assertThat(head).startsWith("HTTP/1.1 101");
            assertThat(head.lines().map(String::toLowerCase).filter(line -> line.startsWith("sec-websocket-protocol:")))
                    .containsExactly("sec-websocket-protocol: switchboard.v1");
            assertThat(head).doesNotContain(token.substring(token.lastIndexOf('.') + 1)).doesNotContain("bearer");
        }
        TestSocket socket = open(subprotocols("switchboard.v1", "bearer." + token));
        assertThat(socket.raw().subProtocol()).isEqualTo("switchboard.v1");
        assertThat(SocketFixtures.subscribeWhenKnown(socket, chatId, 0L).path("chatId").asText()).isEqualTo(chatId);
    }

    @Test
    void aMisusedTokenSubprotocolIsRefusedWith400() {
        String token = TestTokens.bearer("tenant-a", "browser-user");

        assertRefused(subprotocols("bearer." + token), 400);
        assertRefused(subprotocols("switchboard.v1", "bearer."), 400);
        assertRefused(subprotocols("switchboard.v1", "bearer." + token, "bearer." + token), 400);
        assertRefused(options -> options.setSubProtocols(List.of("switchboard.v1", "bearer." + token))
                .putHeader("Authorization", "Bearer " + token), 400);
    }

    @Test
    void everyMalformedSubprotocolOfferIsA400ProblemNeverA500() throws IOException {
        String token = TestTokens.bearer("tenant-a", "browser-user");
        String authorization = "Authorization: Bearer " + token;
        List<List<String>> refused = List.of(
                List.of("Sec-WebSocket-Protocol: ", authorization),
                List.of("Sec-WebSocket-Protocol: ,,, ,"),
                List.of("Sec-WebSocket-Protocol: switchboard.v1, bearer."),
                List.of("Sec-WebSocket-Protocol: switchboard.v1, bearer.a, bearer.b"),
                List.of("Sec-WebSocket-Protocol: switchboard.v1, bearer." + token + ", bearer." + token),
                List.of("Sec-WebSocket-Protocol: switchboard.v1, bearer." + token + "\u00ff\u00fe"),
                List.of("Sec-WebSocket-Protocol: switchboard.v1, \u00e9\u00e8", authorization),
                List.of("Sec-WebSocket-Protocol: switchboard.v1 bearer." + token),
                List.of("Sec-WebSocket-Protocol: \"switchboard.v1\", bearer." + token),
                List.of("Sec-WebSocket-Protocol: switchboard.v1, bearer." + "a".repeat(17_000)),
                List.of("Sec-WebSocket-Protocol: switchboard.v1, bearer." + token, "Sec-WebSocket-Protocol: bearer.x"));

        for (List<String> headers : refused) {
            try (RawWebSocket raw = RawWebSocket.open(base, headers.toArray(String[]::new))) {
                String shown = headers.get(0).length() > 80 ? headers.get(0).substring(0, 80) + "..." : headers.get(0);
                assertThat(raw.responseHead()).as(shown).startsWith("HTTP/1.1 400")
                        .containsIgnoringCase("content-type: application/problem+json");
            }
        }
        // Beyond what the HTTP layer reads of all headers together (20K): refused there, still not a 500.
        try (RawWebSocket raw = RawWebSocket.open(base, "Sec-WebSocket-Protocol: switchboard.v1, bearer."
                + "a".repeat(40_000))) {
            assertThat(raw.responseHead()).matches("(?s)HTTP/1.1 4\\d\\d .*");
        }
        // A control character is refused by the HTTP layer itself, before any filter.
        try (RawWebSocket raw = RawWebSocket.open(base, "Sec-WebSocket-Protocol: switchboard.v1, bearer.a\u0001b")) {
            assertThat(raw.responseHead()).startsWith("HTTP/1.1 400");
        }
        // Well-formed offers still work: a name that merely contains "bearer.", and the token on a line of its own.
        try (RawWebSocket raw = RawWebSocket.open(base, "Sec-WebSocket-Protocol: switchboard.v1, notbearer.x",
                authorization)) {
            assertThat(raw.responseHead()).startsWith("HTTP/1.1 101");
        }
        try (RawWebSocket raw = RawWebSocket.open(base, "Sec-WebSocket-Protocol: switchboard.v1",
                "Sec-WebSocket-Protocol: bearer." + token)) {
            assertThat(raw.responseHead()).startsWith("HTTP/1.1 101").doesNotContain(token);
        }
    }

    @Test
    void aBrowserPageOfAnotherOriginIsRefusedWith403() {
        String token = TestTokens.bearer("tenant-a", "origin-user");

        assertRefused(withOrigin(token, "https://evil.example"), 403);
        assertRefused(withOrigin(token, "null"), 403);
        assertRefused(withOrigin(token, "http://" + base.getHost() + ":" + (base.getPort() + 1)), 403);

        TestSocket sameOrigin = open(withOrigin(token, "http://" + base.getHost() + ":" + base.getPort()));
        assertThat(sameOrigin.request("{\"type\":\"ping\"}", "pong").path("type").asText()).isEqualTo("pong");
        TestSocket noOrigin = open(withOrigin(token, null));
        assertThat(noOrigin.request("{\"type\":\"ping\"}", "pong").path("type").asText()).isEqualTo("pong");
    }

    @Test
    void anotherTenantsChatReadsExactlyLikeADeletedOneAndNothingReachesIt() {
        TestSocket alice = open(bearer(TestTokens.bearer("tenant-a", "alice")));
        String foreign = GatewayFixtures.announceChat(producer, "tenant-b", "bob", "offline");
        String deleted = GatewayFixtures.announceChat(producer, "tenant-a", "alice", "offline");
        String own = GatewayFixtures.announceChat(producer, "tenant-a", "alice", "offline");
        TestSocket bob = open(bearer(TestTokens.bearer("tenant-b", "bob")));
        SocketFixtures.awaitKnown(bob, foreign);
        SocketFixtures.awaitKnown(alice, deleted);
        SocketFixtures.subscribeWhenKnown(alice, own, 0L);
        GatewayFixtures.publish(producer, Topics.SESSION_LIFECYCLE, Envelope.of(deleted, "tenant-a", 2, null,
                new ChatDeleted(UUID.randomUUID())));
        await().atMost(TestSocket.TIMEOUT).until(() -> "error".equals(
                alice.request(subscribe(deleted), "subscribed").path("type").asText()));

        UUID turn = UUID.randomUUID();
        List<String> requests = List.of(
                subscribe("%s"),
                "{\"type\":\"send\",\"chatId\":\"%s\",\"text\":\"hello\",\"clientMessageId\":\"m-1\"}",
                "{\"type\":\"stop\",\"chatId\":\"%s\"}",
                "{\"type\":\"cancel\",\"chatId\":\"%s\",\"turnId\":\"" + turn + "\"}",
                "{\"type\":\"edit\",\"chatId\":\"%s\",\"turnId\":\"" + turn + "\",\"text\":\"changed\"}");
        for (String request : requests) {
            JsonNode foreignAnswer = alice.request(request.formatted(foreign), "accepted");
            JsonNode deletedAnswer = alice.request(request.formatted(deleted), "accepted");
            assertThat(foreignAnswer.path("code").asText()).isEqualTo("not_found");
            assertThat(withoutChatId(foreignAnswer)).isEqualTo(withoutChatId(deletedAnswer));
            assertThat(foreignAnswer.toString()).doesNotContain("tenant-b").doesNotContain("bob");
        }

        SocketFixtures.publishChatEvent(producer, foreign, "tenant-b", 1, turn, new TextDelta("secret"));
        SocketFixtures.publishChatEvent(producer, own, "tenant-a", 1, turn, new TextDelta("mine"));
        await().atMost(TestSocket.TIMEOUT).until(() -> alice.chatSeqs(own).size() == 1);
        alice.request("{\"type\":\"send\",\"chatId\":\"" + own + "\",\"text\":\"after\"}", "accepted");
        commands.awaitRecord(record -> own.equals(record.key()), TestSocket.TIMEOUT);

        assertThat(alice.frames().toString()).doesNotContain("secret").doesNotContain("tenant-b");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> commands.records().stream()
                .noneMatch(record -> foreign.equals(record.key()) || deleted.equals(record.key())));
    }

    @Test
    void anOversizedMessageClosesTheConnectionWith1009AndIsNotHandled() {
        TestSocket socket = open(bearer(TestTokens.bearer("tenant-a", "big-sender")));
        String chatId = GatewayFixtures.announceChat(producer, "tenant-a", "big-sender", "offline");
        SocketFixtures.awaitKnown(socket, chatId);
        // Beyond the 512 KiB limit, and far beyond any valid frame (a 32,000-code-point text fits in ~385 KB).
        String oversized = "{\"type\":\"send\",\"chatId\":\"" + chatId + "\",\"clientMessageId\":\"too-big\","
                + "\"text\":\"" + "x".repeat(600_000) + "\"}";

        socket.send(oversized);

        assertThat(socket.awaitClose(TestSocket.TIMEOUT)).isEqualTo((short) 1009);

        // The same as one frame from a client that allows larger frames: the transport refuses it.
        TestSocket oneFrame = TestSocket.connect(vertx, base, new WebSocketClientOptions().setMaxFrameSize(1024 * 1024),
                bearer(TestTokens.bearer("tenant-a", "big-sender")));
        sockets.add(oneFrame);
        oneFrame.send(oversized.replace("too-big", "too-big-2"));
        assertThat(oneFrame.awaitClose(TestSocket.TIMEOUT)).isEqualTo((short) 1009);

        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> commands.records().stream().noneMatch(record -> chatId.equals(record.key())));
    }

    @Test
    void aFloodBeyondTheRateLimitIsRefusedFrameByFrameAndThenClosed() {
        TestSocket socket = open(bearer(TestTokens.bearer("tenant-a", "flooder")));
        String chatId = GatewayFixtures.announceChat(producer, "tenant-a", "flooder", "offline");
        SocketFixtures.awaitKnown(socket, chatId);
        socket.frames().clear();

        for (int i = 0; i < 200; i++) {
            socket.send("{\"type\":\"send\",\"chatId\":\"" + chatId + "\",\"text\":\"flood " + i
                    + "\",\"clientMessageId\":\"flood-" + i + "\"}");
        }

        assertThat(socket.awaitClose(TestSocket.TIMEOUT)).isEqualTo((short) 4002);
        List<JsonNode> limited = socket.framesOfType("error");
        assertThat(limited).isNotEmpty().allMatch(frame -> frame.path("code").asText().equals("rate_limited"));
        Set<String> accepted = socket.framesOfType("accepted").stream()
                .map(frame -> frame.path("clientMessageId").asText()).collect(Collectors.toSet());
        assertThat(accepted).hasSizeBetween(40, 199);
        // Exactly the accepted messages reached Kafka: none of the refused ones.
        commands.awaitRecords(record -> chatId.equals(record.key()), accepted.size(), TestSocket.TIMEOUT);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> sentIds(chatId).equals(accepted));
    }

    @Test
    void theConnectionIsClosedWhenItsTokenExpires() {
        TestSocket socket = open(bearer(SocketTokens.validFor("tenant-a", "short-lived", Duration.ofSeconds(3))));
        assertThat(socket.request("{\"type\":\"ping\"}", "pong").path("type").asText()).isEqualTo("pong");

        assertThat(socket.awaitClose(TestSocket.TIMEOUT)).isEqualTo((short) 1008);
        assertThat(socket.closeReason()).isEqualTo("Authentication expired");
    }

    @Test
    void aUserHoldsAtMostTheConfiguredConnections() {
        String token = TestTokens.bearer("tenant-a", "many-tabs");
        for (int i = 0; i < 16; i++) {
            open(bearer(token));
        }
        assertRefused(bearer(token), 429);
        // The same subject in another tenant is another user.
        open(bearer(TestTokens.bearer("tenant-b", "many-tabs")));

        sockets.get(0).close();
        await().atMost(TestSocket.TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
            try {
                sockets.add(TestSocket.connect(vertx, base, token));
                return true;
            } catch (UpgradeRejectedException e) {
                return false;
            }
        });
    }

    private Set<String> sentIds(String chatId) {
        return commands.records().stream().filter(record -> chatId.equals(record.key()))
                .map(SocketSecurityTest::sendMessage).map(SendMessage::clientMessageId).collect(Collectors.toSet());
    }

    private static SendMessage sendMessage(ConsumerRecord<String, byte[]> record) {
        return EventJson.fromBytes(record.value()).payloadAs(SendMessage.class);
    }

    private static String subscribe(String chatId) {
        return "{\"type\":\"subscribe\",\"chatId\":\"" + chatId + "\",\"afterSeq\":0}";
    }

    private static JsonNode withoutChatId(JsonNode frame) {
        ObjectNode copy = frame.deepCopy();
        copy.remove("chatId");
        return copy;
    }

    private TestSocket open(Consumer<WebSocketConnectOptions> options) {
        TestSocket socket = TestSocket.connect(vertx, base, options);
        sockets.add(socket);
        return socket;
    }

    private void assertRefused(Consumer<WebSocketConnectOptions> options, int status) {
        assertThatThrownBy(() -> open(options))
                .isInstanceOfSatisfying(UpgradeRejectedException.class, e -> assertThat(e.getStatus()).isEqualTo(status));
    }

    private static Consumer<WebSocketConnectOptions> bearer(String token) {
        return options -> options.putHeader("Authorization", "Bearer " + token);
    }

    private static Consumer<WebSocketConnectOptions> subprotocols(String... protocols) {
        return options -> options.setSubProtocols(List.of(protocols));
    }

    private static Consumer<WebSocketConnectOptions> withOrigin(String token, String origin) {
        // Vert.x adds an Origin of its own unless told not to, and then sends none at all.
        return options -> {
            options.putHeader("Authorization", "Bearer " + token);
            if (origin == null) {
                options.setAllowOriginHeader(false);
            } else {
                options.putHeader("Origin", origin);
            }
        };
    }
}
