package io.switchboard.bench;

import static io.switchboard.bench.Progress.progress;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.SynchronizedHistogram;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.events.json.EventJson;
import io.switchboard.launcher.Stack;

/**
 * The chats one gateway's own clients follow: each created through that gateway's REST API by a user of its own,
 * followed by one WebSocket subscriber on that gateway, and sent a message at a fixed interval (REST, the offline
 * model answering). The subscribers time each turn from the send to its first TextDelta and to its TurnCompleted,
 * so the gateway's work for its own chats shows beside what the other gateways' chats cost it.
 */
final class OwnChats implements AutoCloseable {

    static final String TENANT = "tenant-follow-own";
    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(60);
    private static final long TURN_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final int PROBLEMS_KEPT = 5;

    /** One window's figures: the turns sent in it, and of those the completed ones and their latencies. */
    record Figures(long sent, long completed, long skipped, Latency firstDelta, Latency completedLatency) {
    }

    private final String label;
    private final List<Chat> chats = new ArrayList<>();
    private final HttpClient sockets = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    private final SynchronizedHistogram firstDelta = Latency.newSynchronizedHistogram();
    private final SynchronizedHistogram completed = Latency.newSynchronizedHistogram();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong completedTurns = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final List<String> problems = new ArrayList<>();
    /** The current window's number while it is open, 0 between windows: turns carry it from their send. */
    private volatile int window;
    private volatile int windows;

    private OwnChats(String label) {
        this.label = label;
    }

    /**
     * Creates the chats through the gateway, opens and subscribes a connection to each, and waits for their
     * workspaces, so that no workspace event falls into a measured window.
     *
     * @param users prefix of the users' names, one user per chat: the gateway limits connections per user
     */
    static OwnChats open(Stack stack, FollowedGateway gateway, int count, String users) {
        OwnChats own = new OwnChats(gateway.label());
        try {
            for (int i = 1; i <= count; i++) {
                String token = stack.token(TENANT, users + i, Duration.ofHours(4));
                GatewayApi api = new GatewayApi(gateway.url(), token);
                String projectId = api.createProject("follow benchmark " + users + i);
                String chatId = api.createChat(projectId, "followed on " + gateway.label());
                Chat chat = new Chat(own, api, chatId, users + i);
                own.chats.add(chat);
                chat.socket = GatewaySockets.open(own.sockets, gateway.webSocketUrl(), token, chat);
                chat.subscribe();
            }
            CompletableFuture.allOf(own.chats.stream().map(chat -> chat.workspaceSettled)
                    .toArray(CompletableFuture[]::new))
                    .completeOnTimeout(null, SETUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
            progress("%s: %d own chats subscribed, %d workspaces ready", gateway.label(), own.chats.size(),
                    own.chats.stream().filter(chat -> chat.workspaceReady).count());
            return own;
        } catch (RuntimeException e) {
            own.close();
            throw e;
        }
    }

    /**
     * Sends each chat a message every {@code interval}, the chats' sends spread evenly over it and shifted by
     * {@code offset} (0..1) of one chat's share of it, so that two gateways' chats do not send at the same instants.
     */
    void start(ScheduledExecutorService scheduler, Duration interval, double offset) {
        long period = interval.toNanos();
        for (int i = 0; i < chats.size(); i++) {
            Chat chat = chats.get(i);
            long delay = (long) (period * ((i + offset) / chats.size()));
            scheduler.scheduleAtFixedRate(chat::tick, delay, period, TimeUnit.NANOSECONDS);
        }
    }

    /** Opens a window: the turns sent from now on count for it. */
    void startWindow() {
        firstDelta.reset();
        completed.reset();
        sent.set(0);
        completedTurns.set(0);
        skipped.set(0);
        window = ++windows;
    }

    /** Turns sent from now on count for no window; those sent in it still count as they end. */
    void endWindow() {
        window = 0;
    }

    /** The last window's figures; read a moment after its end, so that its last turns have ended too. */
    Figures figures() {
        return new Figures(sent.get(), completedTurns.get(), skipped.get(), Latency.of(firstDelta),
                Latency.of(completed));
    }

    /** Turns that failed, timed out or could not be sent, and error or resync frames, over the whole run. */
    long failures() {
        return failures.get();
    }

    synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    private void problem(String problem) {
        failures.incrementAndGet();
        synchronized (this) {
            if (problems.size() < PROBLEMS_KEPT) {
                problems.add(label + ": " + problem);
            }
        }
    }

    @Override
    public void close() {
        chats.forEach(Chat::close);
    }

    /** One message in flight: matched to its TurnQueued by text, then to the rest of its turn by turnId. */
    private static final class Turn {

        private final String text;
        private final int window;
        private final long sentNanos = System.nanoTime();
        private volatile String turnId;
        private volatile boolean firstDeltaSeen;
        private volatile boolean ended;

        Turn(String text, int window) {
            this.text = text;
            this.window = window;
        }

        /** Whether its figures count: it was sent in the window that was opened last. */
        boolean measured(OwnChats own) {
            return window != 0 && window == own.windows;
        }
    }

    /** One chat and its subscriber. */
    private static final class Chat extends TextFrameListener {

        private final OwnChats own;
        private final GatewayApi api;
        private final String chatId;
        private final String name;
        private final CompletableFuture<Void> subscribed = new CompletableFuture<>();
        private final CompletableFuture<Void> workspaceSettled = new CompletableFuture<>();
        private volatile boolean workspaceReady;
        private volatile Turn turn;
        private volatile boolean closing;
        private int turns;
        private WebSocket socket;

        Chat(OwnChats own, GatewayApi api, String chatId, String name) {
            this.own = own;
            this.api = api;
            this.chatId = chatId;
            this.name = name;
        }

        void subscribe() {
            socket.sendText("{\"type\":\"subscribe\",\"chatId\":\"" + chatId + "\",\"afterSeq\":0,"
                    + "\"after\":{\"workspace\":0,\"lifecycle\":0}}", true).join();
            subscribed.orTimeout(SETUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
        }

        /**
         * Sends the next message, unless the previous turn is still running: an open loop would queue turns behind
         * a slow one and time the queue rather than the gateway.
         */
        void tick() {
            Turn previous = turn;
            if (previous != null && !previous.ended) {
                if (System.nanoTime() - previous.sentNanos < TURN_TIMEOUT_NANOS) {
                    own.skipped.incrementAndGet();
                    return;
                }
                previous.ended = true;
                own.problem("turn '" + previous.text + "' did not end within 30 s");
            }
            // Four words, always, so that every answer has the same length.
            Turn next = new Turn("follow benchmark question " + name + "x" + (++turns), own.window);
            turn = next;
            if (next.measured(own)) {
                own.sent.incrementAndGet();
            }
            api.sendMessage(chatId, next.text).whenComplete((accepted, failure) -> {
                if (failure != null) {
                    next.ended = true;
                    own.problem("sending '" + next.text + "' failed: " + failure);
                }
            });
        }

        @Override
        void onFrame(String text, Instant receivedAt, long receivedNanos) {
            JsonNode frame;
            try {
                frame = EventJson.mapper().readTree(text);
            } catch (IOException e) {
                own.problem("a frame that is not JSON: " + text);
                return;
            }
            switch (frame.path("type").asText()) {
                case "subscribed" -> subscribed.complete(null);
                case "event" -> onEvent(frame.path("stream").asText(), frame.path("event"), receivedNanos);
                case "error", "resync" -> {
                    subscribed.completeExceptionally(new IllegalStateException(frame.toString()));
                    own.problem(frame.path("type").asText() + " frame: " + frame);
                }
                default -> {
                }
            }
        }

        private void onEvent(String stream, JsonNode event, long receivedNanos) {
            String type = event.path("type").asText();
            if (stream.equals("workspace")) {
                if (type.equals("WorkspaceReady") || type.equals("WorkspaceFailed")) {
                    workspaceReady = type.equals("WorkspaceReady");
                    workspaceSettled.complete(null);
                }
                return;
            }
            Turn current = turn;
            if (!stream.equals("chat") || current == null || current.ended) {
                return;
            }
            if (type.equals("TurnQueued")) {
                if (current.turnId == null && current.text.equals(event.path("payload").path("text").asText())) {
                    current.turnId = event.path("turnId").asText();
                }
                return;
            }
            if (current.turnId == null || !current.turnId.equals(event.path("turnId").asText())) {
                return;
            }
            long micros = TimeUnit.NANOSECONDS.toMicros(receivedNanos - current.sentNanos);
            switch (type) {
                case "TextDelta" -> {
                    if (!current.firstDeltaSeen) {
                        current.firstDeltaSeen = true;
                        if (current.measured(own)) {
                            Latency.record(own.firstDelta, micros);
                        }
                    }
                }
                case "TurnCompleted" -> {
                    current.ended = true;
                    if (current.measured(own)) {
                        Latency.record(own.completed, micros);
                        own.completedTurns.incrementAndGet();
                    }
                }
                case "TurnFailed", "TurnCancelled" -> {
                    current.ended = true;
                    own.problem("turn '" + current.text + "' ended as " + type + " " + event.path("payload"));
                }
                default -> {
                }
            }
        }

        @Override
        void onClosed(String reason) {
            if (!closing) {
                subscribed.completeExceptionally(new IllegalStateException("connection closed " + reason));
                own.problem("connection of " + name + " closed " + reason);
            }
        }

        void close() {
            closing = true;
            if (socket != null) {
                GatewaySockets.closeNormally(socket);
                socket.abort();
            }
        }
    }
}
