package io.switchboard.bench;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Judges every frame one WebSocket connection receives: is the event for a chat this connection
 * follows (else a leak), does its seq follow the previous one of its chat and stream exactly (else an
 * order violation), how long after chat-service created a TextDelta did it arrive, and how long the
 * gateway took to answer a ping on the same connection.
 *
 * <p>The JDK calls a socket's listener one frame at a time, so the lock is rarely contended; it makes
 * the pinger's bookkeeping and the main thread's reads safe.
 */
final class DeliveryCheck {

    private static final int MAX_SAMPLES = 5;

    private final String tenantId;
    private final Map<String, ChatDriver> chats;
    private final Map<String, CompletableFuture<Void>> subscriptions = new ConcurrentHashMap<>();
    private final Map<String, Long> lastSeqs = new HashMap<>();
    private final Set<String> settledWorkspaces = new HashSet<>();
    private final Histogram deltaLatency = Latency.newHistogram();
    private final Histogram pingRoundTrip = Latency.newHistogram();
    private final Deque<Long> pingsInFlight = new ArrayDeque<>();
    private final TurnPhases phases = new TurnPhases();
    private final List<String> samples = new ArrayList<>();
    private long chatEvents;
    private long textDeltas;
    private long otherEvents;
    private long leaks;
    private long orderViolations;
    private long resyncs;
    private long errors;
    private long lastTurnEndNanos = Long.MIN_VALUE;

    DeliveryCheck(String tenantId, Map<String, ChatDriver> chats) {
        this.tenantId = tenantId;
        this.chats = Map.copyOf(chats);
        this.chats.keySet().forEach(chatId -> subscriptions.put(chatId, new CompletableFuture<>()));
    }

    Map<String, ChatDriver> chats() {
        return chats;
    }

    /** Completes when the gateway confirmed the subscription, or fails with its error frame. */
    CompletableFuture<Void> subscribed(String chatId) {
        return subscriptions.get(chatId);
    }

    synchronized void onFrame(JsonNode frame, Instant receivedAt, long receivedNanos) {
        String type = frame.path("type").asText();
        switch (type) {
            case "event" -> onEvent(frame.path("stream").asText(), frame.path("event"), receivedAt, receivedNanos);
            case "subscribed" -> {
                CompletableFuture<Void> subscription = subscriptions.get(frame.path("chatId").asText());
                if (subscription != null) {
                    subscription.complete(null);
                }
            }
            case "pong" -> {
                Long sent = pingsInFlight.pollFirst();
                if (sent != null) {
                    Latency.record(pingRoundTrip, TimeUnit.NANOSECONDS.toMicros(receivedNanos - sent));
                }
            }
            case "resync" -> {
                resyncs++;
                sample("resync " + frame);
            }
            case "error" -> {
                errors++;
                sample("error " + frame);
                CompletableFuture<Void> subscription = subscriptions.get(frame.path("chatId").asText());
                if (subscription != null) {
                    subscription.completeExceptionally(new IllegalStateException("Subscription refused: " + frame));
                }
            }
            default -> sample("unexpected frame " + frame);
        }
    }

    /** A ping is about to be sent; the gateway answers pings in order, on the same connection as events. */
    synchronized void pingSent(long sentNanos) {
        pingsInFlight.addLast(sentNanos);
    }

    synchronized void onClosed(String reason) {
        errors++;
        sample("connection closed: " + reason);
    }

    synchronized int settledWorkspaces() {
        return settledWorkspaces.size();
    }

    synchronized Deliveries deliveries() {
        Histogram latency = Latency.newHistogram();
        latency.add(deltaLatency);
        Histogram pings = Latency.newHistogram();
        pings.add(pingRoundTrip);
        return new Deliveries(chatEvents, textDeltas, otherEvents, leaks, orderViolations, resyncs, errors,
                lastTurnEndNanos, latency, pings, phases.copy(), List.copyOf(samples));
    }

    private void onEvent(String stream, JsonNode event, Instant receivedAt, long receivedNanos) {
        String chatId = event.path("chatId").asText();
        ChatDriver chat = chats.get(chatId);
        if (chat == null || !tenantId.equals(event.path("tenantId").asText())) {
            leaks++;
            sample("leak on " + stream + ": " + event);
            return;
        }
        checkOrder(chatId, stream, event.path("seq").asLong(-1));
        String type = event.path("type").asText();
        if (!stream.equals("chat")) {
            otherEvents++;
            if (type.equals("WorkspaceReady") || type.equals("WorkspaceFailed")) {
                settledWorkspaces.add(chatId);
            }
            return;
        }
        chatEvents++;
        Instant at = parseAt(event);
        if (at == null) {
            return;
        }
        switch (type) {
            case "TurnQueued" -> phases.queued(chat, at);
            case "TurnStarted" -> phases.started(chatId, at);
            case "TextDelta" -> {
                textDeltas++;
                Latency.record(deltaLatency, ChronoUnit.MICROS.between(at, receivedAt));
            }
            case "TurnCompleted" -> {
                phases.ended(chatId, at);
                turnEnded(chat, true, receivedNanos);
            }
            case "TurnFailed", "TurnCancelled" -> {
                sample(type + " chat " + chatId + " seq " + event.path("seq").asLong() + ": " + event.path("payload"));
                turnEnded(chat, false, receivedNanos);
            }
            default -> {
            }
        }
    }

    /** Each chat's streams start at seq 1 (subscribed with afterSeq 0) and must grow by exactly one. */
    private void checkOrder(String chatId, String stream, long seq) {
        String key = chatId + '/' + stream;
        long last = lastSeqs.getOrDefault(key, 0L);
        if (seq != last + 1) {
            orderViolations++;
            sample("order: " + key + " seq " + seq + " after " + last);
        }
        lastSeqs.put(key, Math.max(last, seq));
    }

    private Instant parseAt(JsonNode event) {
        try {
            return Instant.parse(event.path("at").asText());
        } catch (DateTimeParseException e) {
            sample("event without a valid 'at': " + event);
            return null;
        }
    }

    private void turnEnded(ChatDriver chat, boolean success, long receivedNanos) {
        lastTurnEndNanos = Math.max(lastTurnEndNanos, receivedNanos);
        chat.turnEnded(success);
    }

    private void sample(String problem) {
        if (samples.size() < MAX_SAMPLES) {
            samples.add(problem.length() > 300 ? problem.substring(0, 300) + "..." : problem);
        }
    }
}
