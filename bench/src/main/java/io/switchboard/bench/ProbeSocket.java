package io.switchboard.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.switchboard.events.json.EventJson;

/**
 * A client connection of the poison benchmark that keeps every frame it receives, in order, and how it was
 * closed, so that a probe can send a frame and wait for what answers it. Frames that are not JSON are kept
 * as text nodes.
 */
final class ProbeSocket implements WebSocket.Listener, AutoCloseable {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    /** Told of every frame, with its length in characters as received. */
    interface FrameListener {
        void onFrame(JsonNode frame, int chars);
    }

    /** How the connection ended: the close code, or -1 for an error without one. */
    record Closed(int code, String reason) {
    }

    private final List<JsonNode> frames = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private final FrameListener onFrame;
    private Closed closed;
    private WebSocket socket;

    private ProbeSocket(FrameListener onFrame) {
        this.onFrame = onFrame;
    }

    /**
     * @param onFrame also told of every frame, on the client's thread, before it is kept
     */
    static ProbeSocket open(HttpClient http, String url, String token, FrameListener onFrame) {
        ProbeSocket probe = new ProbeSocket(onFrame);
        probe.socket = GatewaySockets.open(http, url, token, probe);
        return probe;
    }

    static ProbeSocket open(HttpClient http, String url, String token) {
        return open(http, url, token, (frame, chars) -> { });
    }

    /**
     * Sends one text frame and waits until it is handed to the network. False when the connection was closed
     * or the send failed: what the gateway did about it shows in {@link #closed()}.
     */
    boolean send(String text) {
        try {
            // The JDK allows one outstanding send per socket; callers send from one thread.
            socket.sendText(text, true).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    /** Where the next frame will be kept: a probe waits for frames from here on. */
    synchronized int mark() {
        return frames.size();
    }

    /**
     * The first frame from {@code from} on that {@code wanted} accepts, waiting up to {@code timeout}; empty
     * when none came or the connection closed first.
     */
    synchronized Optional<JsonNode> await(int from, Predicate<JsonNode> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int next = from;
        while (true) {
            for (; next < frames.size(); next++) {
                if (wanted.test(frames.get(next))) {
                    return Optional.of(frames.get(next));
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || closed != null) {
                return Optional.empty();
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted", e);
            }
        }
    }

    /** The frames kept from {@code from} on. */
    synchronized List<JsonNode> since(int from) {
        return List.copyOf(frames.subList(Math.min(from, frames.size()), frames.size()));
    }

    synchronized Optional<Closed> closed() {
        return Optional.ofNullable(closed);
    }

    /** Waits up to {@code timeout} for the connection to be closed by the gateway. */
    synchronized Optional<Closed> awaitClosed(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (closed == null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted", e);
            }
        }
        return Optional.ofNullable(closed);
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            JsonNode frame;
            try {
                frame = EventJson.mapper().readTree(text);
            } catch (IOException e) {
                frame = TextNode.valueOf(text);
            }
            onFrame.onFrame(frame, text.length());
            synchronized (this) {
                frames.add(frame);
                notifyAll();
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public synchronized CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        if (closed == null) {
            closed = new Closed(statusCode, reason);
        }
        notifyAll();
        return null;
    }

    @Override
    public synchronized void onError(WebSocket webSocket, Throwable error) {
        if (closed == null) {
            closed = new Closed(-1, String.valueOf(error));
        }
        notifyAll();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            GatewaySockets.closeNormally(socket);
            awaitClosed(Duration.ofSeconds(2));
        }
        socket.abort();
    }
}
