package io.switchboard.gateway.ws;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.events.json.EventJson;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;

/**
 * A WebSocket client for the tests, on Vert.x's own client: every frame is recorded in arrival order
 * (callbacks run on one event loop), the close code is kept, and reading can be paused to play a slow
 * client. {@link #connect} throws {@link io.vertx.core.http.UpgradeRejectedException} for a refused
 * handshake, which carries the HTTP status.
 */
final class TestSocket implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final WebSocketClient client;
    private final WebSocket socket;
    private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    private volatile Short closeStatus;
    private volatile String closeReason;

    private TestSocket(WebSocketClient client, WebSocket socket) {
        this.client = client;
        this.socket = socket;
    }

    /** Connects with {@code Authorization: Bearer <token>}. */
    static TestSocket connect(Vertx vertx, URI base, String token) {
        return connect(vertx, base, options -> options.putHeader("Authorization", "Bearer " + token));
    }

    static TestSocket connect(Vertx vertx, URI base, Consumer<WebSocketConnectOptions> customise) {
        return connect(vertx, base, new WebSocketClientOptions(), customise);
    }

    static TestSocket connect(Vertx vertx, URI base, WebSocketClientOptions clientOptions,
            Consumer<WebSocketConnectOptions> customise) {
        WebSocketClient client = vertx.createWebSocketClient(clientOptions);
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost(base.getHost()).setPort(base.getPort()).setURI("/ws");
        customise.accept(options);
        // Handlers are in place before the handshake, so not even an immediate close is missed.
        ClientWebSocket socket = client.webSocket();
        TestSocket created = new TestSocket(client, socket);
        socket.textMessageHandler(text -> created.frames.add(read(text)));
        socket.closeHandler(ignored -> {
            created.closeReason = socket.closeReason();
            created.closeStatus = socket.closeStatusCode() == null ? (short) 1006 : socket.closeStatusCode();
        });
        CompletableFuture<Void> connected = new CompletableFuture<>();
        socket.connect(options, result -> {
            if (result.succeeded()) {
                connected.complete(null);
            } else {
                connected.completeExceptionally(result.cause());
            }
        });
        try {
            connected.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return created;
        } catch (ExecutionException e) {
            client.close();
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            client.close();
            throw new IllegalStateException("Could not connect", e);
        }
    }

    WebSocket raw() {
        return socket;
    }

    void send(String text) {
        socket.writeTextMessage(text);
    }

    List<JsonNode> frames() {
        return frames;
    }

    List<JsonNode> framesOfType(String type) {
        return frames.stream().filter(frame -> type.equals(frame.path("type").asText())).toList();
    }

    JsonNode awaitFrame(Predicate<JsonNode> matching) {
        await().atMost(TIMEOUT).until(() -> frames.stream().anyMatch(matching));
        return frames.stream().filter(matching).findFirst().orElseThrow();
    }

    JsonNode awaitFrameOfType(String type) {
        return awaitFrame(frame -> type.equals(frame.path("type").asText()));
    }

    /** Sends the frame and waits for the first frame of the given type that arrives after it. */
    JsonNode request(String frame, String answerType) {
        int before = frames.size();
        send(frame);
        await().atMost(TIMEOUT).until(() -> frames.stream().skip(before)
                .anyMatch(f -> answerType.equals(f.path("type").asText()) || "error".equals(f.path("type").asText())));
        return frames.stream().skip(before)
                .filter(f -> answerType.equals(f.path("type").asText()) || "error".equals(f.path("type").asText()))
                .findFirst().orElseThrow();
    }

    /**
     * Waits until everything the gateway queued for this connection so far has arrived: a pong queues
     * behind every frame queued before it.
     */
    void drain() {
        int pongs = framesOfType("pong").size();
        send("{\"type\":\"ping\"}");
        await().atMost(TIMEOUT).until(() -> framesOfType("pong").size() > pongs);
    }

    /** Chat events of the chat received so far, as envelopes, in arrival order. */
    List<JsonNode> chatEvents(String chatId) {
        return frames.stream()
                .filter(f -> "event".equals(f.path("type").asText()) && "chat".equals(f.path("stream").asText()))
                .map(f -> f.get("event"))
                .filter(event -> chatId.equals(event.path("chatId").asText()))
                .toList();
    }

    List<Long> chatSeqs(String chatId) {
        return chatEvents(chatId).stream().map(event -> event.path("seq").asLong()).toList();
    }

    void pause() {
        socket.pause();
    }

    void resume() {
        socket.resume();
    }

    /** The close code once the connection is closed, 1006 when it ended without a close frame. */
    short awaitClose(Duration within) {
        await().atMost(within).until(() -> closeStatus != null);
        return closeStatus;
    }

    Short closeStatus() {
        return closeStatus;
    }

    String closeReason() {
        return closeReason;
    }

    @Override
    public void close() {
        if (closeStatus == null) {
            socket.close();
        }
        client.close();
    }

    private static JsonNode read(String text) {
        try {
            return EventJson.mapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException("Not JSON: " + text, e);
        }
    }
}
