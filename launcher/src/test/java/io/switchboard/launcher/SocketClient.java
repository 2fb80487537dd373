package io.switchboard.launcher;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.events.json.EventJson;

/** A WebSocket client for tests: records every frame the gateway sends. */
final class SocketClient implements AutoCloseable {

    private final WebSocket socket;
    private final List<JsonNode> frames = new CopyOnWriteArrayList<>();

    private SocketClient(WebSocket socket, Listener listener) {
        this.socket = socket;
        listener.frames = frames;
    }

    static SocketClient connect(String url, String token) {
        Listener listener = new Listener();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "Bearer " + token)
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(url), listener)
                .join();
        return new SocketClient(socket, listener);
    }

    void send(String frame) {
        socket.sendText(frame, true).join();
    }

    void subscribe(String chatId) {
        send("{\"type\":\"subscribe\",\"chatId\":\"" + chatId + "\",\"afterSeq\":0,"
                + "\"after\":{\"workspace\":0,\"lifecycle\":0}}");
        awaitFrame(frame -> frame.path("type").asText().equals("subscribed")
                && frame.path("chatId").asText().equals(chatId), Duration.ofSeconds(20));
    }

    JsonNode awaitFrame(Predicate<JsonNode> match, Duration timeout) {
        await().atMost(timeout).until(() -> frames.stream().anyMatch(match));
        return frames.stream().filter(match).findFirst().orElseThrow();
    }

    /** The events of one stream of one chat, in arrival order. */
    List<JsonNode> events(String stream, String chatId) {
        return frames.stream()
                .filter(frame -> frame.path("type").asText().equals("event"))
                .filter(frame -> frame.path("stream").asText().equals(stream))
                .map(frame -> frame.get("event"))
                .filter(event -> event.path("chatId").asText().equals(chatId))
                .toList();
    }

    List<JsonNode> frames() {
        return frames;
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(failure -> null).join();
    }

    private static final class Listener implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();
        private volatile List<JsonNode> frames;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    frames.add(EventJson.mapper().readTree(partial.toString()));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("The gateway sent a frame that is not JSON: " + partial, e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
