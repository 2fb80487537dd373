package io.switchboard.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Opening and closing the benchmarks' client connections to the gateway's WebSocket. */
final class GatewaySockets {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private GatewaySockets() {
    }

    /** A connection as the token's user, its frames handed to the listener; waits for the handshake. */
    static WebSocket open(HttpClient http, String url, String token, WebSocket.Listener listener) {
        return http.newWebSocketBuilder()
                .header("Authorization", "Bearer " + token)
                .connectTimeout(CONNECT_TIMEOUT)
                .buildAsync(URI.create(url), listener)
                .orTimeout(2 * CONNECT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                .join();
    }

    /** Sends a normal close and waits a moment for it to go out; a connection already gone is fine. */
    static void closeNormally(WebSocket socket) {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "benchmark done")
                .orTimeout(CLOSE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                .exceptionally(failure -> null)
                .join();
    }
}
