package io.switchboard.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.events.json.EventJson;

/** One client WebSocket connection to the gateway, following the chats of its {@link DeliveryCheck}. */
final class BenchSocket implements AutoCloseable {

    private static final Duration SUBSCRIBE_TIMEOUT = Duration.ofSeconds(30);

    private final WebSocket socket;
    private final Listener listener;
    private final DeliveryCheck check;

    private BenchSocket(WebSocket socket, Listener listener, DeliveryCheck check) {
        this.socket = socket;
        this.listener = listener;
        this.check = check;
    }

    static BenchSocket connect(HttpClient http, String url, String token, DeliveryCheck check) {
        Listener listener = new Listener(check);
        WebSocket socket = http.newWebSocketBuilder()
                .header("Authorization", "Bearer " + token)
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(url), listener)
                .join();
        return new BenchSocket(socket, listener, check);
    }

    /** Subscribes to every chat of this connection from its first event and waits for the confirmations. */
    void subscribeAll() {
        for (String chatId : check.chats().keySet()) {
            // The JDK allows one outstanding send per socket, hence join before the next.
            socket.sendText("{\"type\":\"subscribe\",\"chatId\":\"" + chatId + "\",\"afterSeq\":0,"
                    + "\"after\":{\"workspace\":0,\"lifecycle\":0}}", true).join();
        }
        CompletableFuture.allOf(check.chats().keySet().stream().map(check::subscribed)
                .toArray(CompletableFuture[]::new))
                .orTimeout(SUBSCRIBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .join();
    }

    /**
     * Sends one ping. Its pong travels behind every event frame already queued for this connection,
     * so the round trip shows whether the connection itself is backed up.
     */
    void ping() {
        check.pingSent(System.nanoTime());
        socket.sendText("{\"type\":\"ping\"}", true).join();
    }

    DeliveryCheck check() {
        return check;
    }

    @Override
    public void close() {
        listener.closing();
        GatewaySockets.closeNormally(socket);
    }

    private static final class Listener extends TextFrameListener {

        private final DeliveryCheck check;
        private volatile boolean closing;

        Listener(DeliveryCheck check) {
            this.check = check;
        }

        @Override
        void onFrame(String text, Instant receivedAt, long receivedNanos) {
            try {
                JsonNode frame = EventJson.mapper().readTree(text);
                check.onFrame(frame, receivedAt, receivedNanos);
            } catch (IOException e) {
                check.onClosed("a frame that is not JSON: " + text);
            }
        }

        @Override
        void onClosed(String reason) {
            if (!closing) {
                check.onClosed(reason);
            }
        }

        void closing() {
            closing = true;
        }
    }
}
