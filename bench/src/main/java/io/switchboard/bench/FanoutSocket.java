package io.switchboard.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.SynchronizedHistogram;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.events.json.EventJson;

/**
 * One of the fan-out benchmark's many client connections, following one chat or a few. Every connection
 * judges what it receives (leaks, order); only a chat's first connection (its primary) reports turn ends
 * and workspace readiness to its {@link ChatDriver}, so each turn ends once.
 */
final class FanoutSocket {

    /** Counts and latencies over every connection of the run. */
    static final class Tally {
        final AtomicLong frames = new AtomicLong();
        final AtomicLong chatEvents = new AtomicLong();
        final AtomicLong leaks = new AtomicLong();
        final AtomicLong orderViolations = new AtomicLong();
        final AtomicLong resyncs = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final AtomicLong workspacesSettled = new AtomicLong();
        final SynchronizedHistogram endToEnd = Latency.newSynchronizedHistogram();
        volatile String firstProblem;

        void problem(String problem) {
            if (firstProblem == null) {
                firstProblem = problem.length() > 300 ? problem.substring(0, 300) + "..." : problem;
            }
        }
    }

    private final String tenantId;
    private final Map<String, ChatDriver> chats;
    private final Set<String> primaryFor;
    private final Tally tally;
    private final CompletableFuture<Void> subscribed = new CompletableFuture<>();
    private final Map<String, Long> lastSeqs = new HashMap<>();
    private int confirmed;
    private volatile boolean measuring;
    private volatile boolean closing;
    private WebSocket socket;

    FanoutSocket(String tenantId, Map<String, ChatDriver> chats, Set<String> primaryFor, Tally tally) {
        this.tenantId = tenantId;
        this.chats = Map.copyOf(chats);
        this.primaryFor = Set.copyOf(primaryFor);
        this.tally = tally;
    }

    CompletableFuture<FanoutSocket> open(HttpClient http, String url, String token) {
        return http.newWebSocketBuilder()
                .header("Authorization", "Bearer " + token)
                .connectTimeout(Duration.ofSeconds(30))
                .buildAsync(URI.create(url), new Listener())
                .thenApply(opened -> {
                    socket = opened;
                    return this;
                });
    }

    /** Subscribes to every chat from its first event; completes when the gateway confirmed them all. */
    CompletableFuture<Void> subscribe() {
        // The JDK allows one outstanding send per socket, hence the chain.
        CompletableFuture<?> sent = CompletableFuture.completedFuture(null);
        for (String chatId : chats.keySet()) {
            sent = sent.thenCompose(ignored -> socket.sendText("{\"type\":\"subscribe\",\"chatId\":\"" + chatId
                    + "\",\"afterSeq\":0,\"after\":{\"workspace\":0,\"lifecycle\":0}}", true));
        }
        return sent.thenCompose(ignored -> subscribed);
    }

    /** From now on frames count towards the delivered rate (setup and replay frames do not). */
    void measure(boolean on) {
        measuring = on;
    }

    CompletableFuture<Void> close() {
        closing = true;
        if (socket == null) {
            return CompletableFuture.completedFuture(null);
        }
        return socket.sendClose(WebSocket.NORMAL_CLOSURE, "benchmark done")
                .orTimeout(10, TimeUnit.SECONDS)
                .handle((ignored, failure) -> null);
    }

    private synchronized void onFrame(String text, Instant receivedAt) {
        JsonNode frame;
        try {
            frame = EventJson.mapper().readTree(text);
        } catch (IOException e) {
            tally.errors.incrementAndGet();
            tally.problem("a frame that is not JSON: " + text);
            return;
        }
        switch (frame.path("type").asText()) {
            case "event" -> onEvent(frame.path("stream").asText(), frame.path("event"), receivedAt);
            case "subscribed" -> {
                if (++confirmed == chats.size()) {
                    subscribed.complete(null);
                }
            }
            case "pong" -> {
            }
            case "resync" -> {
                tally.resyncs.incrementAndGet();
                tally.problem("resync " + frame);
            }
            case "error" -> {
                tally.errors.incrementAndGet();
                tally.problem("error " + frame);
                subscribed.completeExceptionally(new IllegalStateException("Subscription refused: " + frame));
            }
            default -> tally.problem("unexpected frame " + frame);
        }
    }

    private void onEvent(String stream, JsonNode event, Instant receivedAt) {
        if (measuring) {
            tally.frames.incrementAndGet();
        }
        String chatId = event.path("chatId").asText();
        ChatDriver chat = chats.get(chatId);
        if (chat == null || !tenantId.equals(event.path("tenantId").asText())) {
            tally.leaks.incrementAndGet();
            tally.problem("leak on " + stream + ": " + event);
            return;
        }
        long seq = event.path("seq").asLong(-1);
        String key = chatId + '/' + stream;
        long last = lastSeqs.getOrDefault(key, 0L);
        if (seq != last + 1) {
            tally.orderViolations.incrementAndGet();
            tally.problem("order: " + chatId + "/" + stream + " seq " + seq + " after " + last);
        }
        lastSeqs.put(key, Math.max(last, seq));
        String type = event.path("type").asText();
        boolean primary = primaryFor.contains(chatId);
        if (!stream.equals("chat")) {
            if (primary && (type.equals("WorkspaceReady") || type.equals("WorkspaceFailed"))) {
                tally.workspacesSettled.incrementAndGet();
            }
            return;
        }
        tally.chatEvents.incrementAndGet();
        switch (type) {
            case "TextDelta" -> {
                try {
                    Latency.record(tally.endToEnd, ChronoUnit.MICROS.between(
                            Instant.parse(event.path("at").asText()), receivedAt));
                } catch (DateTimeParseException e) {
                    tally.problem("event without a valid 'at': " + event);
                }
            }
            case "TurnCompleted" -> {
                if (primary) {
                    chat.turnEnded(true);
                }
            }
            case "TurnFailed", "TurnCancelled" -> {
                if (primary) {
                    tally.problem(type + " chat " + chatId + ": " + event.path("payload"));
                    chat.turnEnded(false);
                }
            }
            default -> {
            }
        }
    }

    private synchronized void onClosed(String reason) {
        if (!closing) {
            tally.errors.incrementAndGet();
            tally.problem("connection closed " + reason);
            subscribed.completeExceptionally(new IllegalStateException("Closed " + reason));
        }
    }

    private final class Listener extends TextFrameListener {

        @Override
        void onFrame(String text, Instant receivedAt, long receivedNanos) {
            FanoutSocket.this.onFrame(text, receivedAt);
        }

        @Override
        void onClosed(String reason) {
            FanoutSocket.this.onClosed(reason);
        }
    }
}
