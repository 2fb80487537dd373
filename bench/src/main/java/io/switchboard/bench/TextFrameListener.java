package io.switchboard.bench;

import java.net.http.WebSocket;
import java.time.Instant;
import java.util.concurrent.CompletionStage;

/**
 * A client WebSocket listener that hands on whole text frames, each read when its last part arrived, and
 * reports a close by the gateway or an error as one reason.
 */
abstract class TextFrameListener implements WebSocket.Listener {

    private final StringBuilder partial = new StringBuilder();

    /** A whole text frame; both clocks were read when its last part arrived. */
    abstract void onFrame(String text, Instant receivedAt, long receivedNanos);

    abstract void onClosed(String reason);

    @Override
    public final CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            // Read the clocks before parsing, so the client's own JSON work does not count as latency.
            Instant receivedAt = Instant.now();
            long receivedNanos = System.nanoTime();
            String text = partial.toString();
            partial.setLength(0);
            onFrame(text, receivedAt, receivedNanos);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public final CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        onClosed("by the gateway: " + statusCode + " " + reason);
        return null;
    }

    @Override
    public final void onError(WebSocket webSocket, Throwable error) {
        onClosed("error: " + error);
    }
}
