package io.switchboard.bench;

import static io.switchboard.bench.FigureTable.format;
import static io.switchboard.bench.Progress.progress;
import static io.switchboard.bench.RunClock.seconds;
import static io.switchboard.bench.RunClock.since;
import static io.switchboard.bench.RunClock.sleep;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.launcher.ServiceName;
import io.switchboard.launcher.Stack;

/**
 * Large messages into many chats at once, followed over the WebSocket, then the gateway's memory as its
 * metrics report it: every TurnQueued carries the whole message, and the gateway keeps recent events of
 * every chat for replay. The chats land on every partition, so the flood also shows, per partition, that
 * the gateway's three consumers and session-service's still deliver after the poison.
 */
final class GatewayFlood {

    static final String TENANT = "tenant-poison-flood";
    private static final int CHATS_PER_CONNECTION = 10;
    /** Under the gateway's 16 connections per user. */
    private static final int CONNECTIONS_PER_USER = 10;
    private static final int CONCURRENCY = 8;

    /**
     * @param turnsEnded       turns whose end (completed, failed or cancelled) reached the WebSocket client
     * @param sending          first message POST to the last one answered
     * @param before           the gateway's metrics before the first message
     * @param after            and after every turn ended, two seconds later; no GC was asked for
     * @param rssAfterBytes    the gateway's resident set then, or -1
     * @param partitionChecks  per consumer, whether it delivered on every partition the flood's chats landed on
     * @param retained         the flood chats' event frames as the clients received them: the gateway keeps
     *                         the same rendered frames for replay, up to its per-chat, per-stream count
     */
    record Result(int chats, int partitionsCovered, int expectedTurns, int turnsCompleted, int turnsEnded,
            int workspacesSettled, Duration sending, Duration took, MetricsPage before, MetricsPage after,
            double rssAfterBytes, Retained retained, List<LivenessCheck> partitionChecks, List<String> problems) {
    }

    /**
     * @param frames          event frames of the flood chats, replayed and live
     * @param chars           their characters (as many bytes in the gateway's heap: the text is ASCII)
     * @param mostPerStream   the most frames one chat had on one stream, to compare with the gateway's
     *                        {@code switchboard.gateway.retained-events-per-chat}
     */
    record Retained(long frames, long chars, int mostPerStream) {
    }

    /** What one flood chat received over the WebSocket. */
    private static final class FloodChat {
        final String chatId;
        final int partition;
        final AtomicInteger completed = new AtomicInteger();
        final AtomicInteger ended = new AtomicInteger();
        /** Event frames received, their characters and their count per stream: what the gateway retains. */
        final AtomicInteger frames = new AtomicInteger();
        final AtomicLong frameChars = new AtomicLong();
        final Map<String, Integer> perStream = new ConcurrentHashMap<>();
        volatile boolean workspaceSettled;
        volatile boolean chatCreated;

        FloodChat(String chatId, int partition) {
            this.chatId = chatId;
            this.partition = partition;
        }
    }

    private final Stack stack;
    private final PoisonSettings settings;
    private final ChatPartitions partitions;
    private final Watches watches;
    private final Map<String, FloodChat> chats = new ConcurrentHashMap<>();
    private final List<String> problems = new ArrayList<>();

    private GatewayFlood(Stack stack, PoisonSettings settings, ChatPartitions partitions, Watches watches) {
        this.stack = stack;
        this.settings = settings;
        this.partitions = partitions;
        this.watches = watches;
    }

    static Result run(Stack stack, HttpClient http, PoisonSettings settings, ChatPartitions partitions,
            Watches watches) {
        return new GatewayFlood(stack, settings, partitions, watches).run(http);
    }

    private Result run(HttpClient http) {
        long started = System.nanoTime();
        ExecutorService executor = Executors.newFixedThreadPool(CONCURRENCY, DaemonThreads.named("flood-sender"));
        List<ProbeSocket> sockets = new ArrayList<>();
        try {
            GatewayApi api = new GatewayApi(stack.gatewayUrl(), token(0));
            String projectId = api.createProject("flood");
            List<CompletableFuture<String>> creating = new ArrayList<>();
            for (int i = 0; i < settings.floodChats(); i++) {
                int number = i + 1;
                creating.add(CompletableFuture.supplyAsync(() -> api.createChat(projectId, "flood " + number),
                        executor));
            }
            List<FloodChat> ordered = new ArrayList<>();
            for (CompletableFuture<String> created : creating) {
                String chatId = created.join();
                FloodChat chat = new FloodChat(chatId, partitions.of(chatId));
                chats.put(chatId, chat);
                ordered.add(chat);
            }
            progress("flood: %d chats created in %.1f s; subscribing", ordered.size(), seconds(since(started)));
            subscribe(http, ordered, sockets);

            MetricsPage before = MetricsPage.scrape(stack.gatewayManagementUrl());
            long sendingStarted = System.nanoTime();
            List<CompletableFuture<Void>> sending = new ArrayList<>();
            for (FloodChat chat : ordered) {
                sending.add(CompletableFuture.runAsync(() -> sendAll(api, chat), executor));
            }
            CompletableFuture.allOf(sending.toArray(CompletableFuture[]::new))
                    .orTimeout(settings.floodTimeout().toSeconds(), TimeUnit.SECONDS)
                    .exceptionally(failure -> {
                        problems.add("sending did not finish: " + failure);
                        return null;
                    }).join();
            Duration sendingTook = since(sendingStarted);
            progress("flood: %d messages of %,d chars sent in %.1f s; waiting for every turn", settings.floodTurns(),
                    settings.floodTextChars(), seconds(sendingTook));
            awaitTurns(sendingStarted);
            sleep(Duration.ofSeconds(2));
            MetricsPage after = MetricsPage.scrape(stack.gatewayManagementUrl());
            double rss = rss(ServicePids.of(settings.projectRoot(), ServiceName.GATEWAY));
            awaitSettled();

            int completed = ordered.stream().mapToInt(chat -> chat.completed.get()).sum();
            int ended = ordered.stream().mapToInt(chat -> chat.ended.get()).sum();
            int settled = (int) ordered.stream().filter(chat -> chat.workspaceSettled).count();
            List<LivenessCheck> perPartition = partitionChecks(api, ordered);
            int covered = (int) ordered.stream().mapToInt(chat -> chat.partition).distinct().count();
            Retained retained = new Retained(ordered.stream().mapToLong(chat -> chat.frames.get()).sum(),
                    ordered.stream().mapToLong(chat -> chat.frameChars.get()).sum(),
                    ordered.stream().flatMap(chat -> chat.perStream.values().stream()).mapToInt(Integer::intValue)
                            .max().orElse(0));
            return new Result(ordered.size(), covered, settings.floodTurns(), completed, ended, settled, sendingTook,
                    since(started), before, after, rss, retained, perPartition, List.copyOf(problems));
        } finally {
            sockets.forEach(ProbeSocket::close);
            executor.shutdownNow();
        }
    }

    private String token(int connection) {
        return stack.token(TENANT, "flood-user-" + (connection / CONNECTIONS_PER_USER), Duration.ofHours(1));
    }

    private void subscribe(HttpClient http, List<FloodChat> ordered, List<ProbeSocket> sockets) {
        List<Integer> expected = new ArrayList<>();
        for (int from = 0; from < ordered.size(); from += CHATS_PER_CONNECTION) {
            List<FloodChat> followed = ordered.subList(from, Math.min(ordered.size(), from + CHATS_PER_CONNECTION));
            ProbeSocket socket = ProbeSocket.open(http, stack.gatewayWebSocketUrl(), token(sockets.size()),
                    this::onFrame);
            sockets.add(socket);
            expected.add(followed.size());
            for (FloodChat chat : followed) {
                socket.send("{\"type\":\"subscribe\",\"chatId\":\"" + chat.chatId
                        + "\",\"afterSeq\":0,\"after\":{\"workspace\":0,\"lifecycle\":0}}");
            }
        }
        for (int i = 0; i < sockets.size(); i++) {
            int want = expected.get(i);
            AtomicInteger seen = new AtomicInteger();
            Predicate<JsonNode> subscribed = frame -> frame.path("type").asText().equals("subscribed")
                    && seen.incrementAndGet() == want;
            if (sockets.get(i).await(0, subscribed, Duration.ofSeconds(60)).isEmpty()) {
                problems.add("connection " + (i + 1) + ": only " + seen.get() + " of " + want
                        + " subscriptions confirmed");
            }
        }
    }

    private void onFrame(JsonNode frame, int chars) {
        if (!frame.path("type").asText().equals("event")) {
            return;
        }
        JsonNode event = frame.path("event");
        FloodChat chat = chats.get(event.path("chatId").asText());
        if (chat == null) {
            return;
        }
        chat.frames.incrementAndGet();
        chat.frameChars.addAndGet(chars);
        chat.perStream.merge(frame.path("stream").asText(), 1, Integer::sum);
        switch (event.path("type").asText()) {
            case "TurnCompleted" -> {
                chat.completed.incrementAndGet();
                chat.ended.incrementAndGet();
            }
            case "TurnFailed", "TurnCancelled" -> chat.ended.incrementAndGet();
            case "WorkspaceReady", "WorkspaceFailed" -> chat.workspaceSettled = true;
            case "ChatCreated" -> chat.chatCreated = true;
            default -> {
            }
        }
    }

    /** The chat's messages one after the other, each once the previous one was accepted (202). */
    private void sendAll(GatewayApi api, FloodChat chat) {
        for (int k = 1; k <= settings.floodMessages(); k++) {
            try {
                api.sendMessage(chat.chatId, floodText(chat.chatId, k, settings.floodTextChars())).join();
            } catch (RuntimeException e) {
                synchronized (problems) {
                    problems.add("message " + k + " to chat " + chat.chatId + " refused: " + e.getMessage());
                }
            }
        }
    }

    /** {@code /words 5} first, so the offline model answers in a few words whatever the length of the message. */
    static String floodText(String chatId, int message, int chars) {
        String head = "/words 5 flood message " + message + " to chat " + chatId + ": ";
        return head + "x".repeat(Math.max(0, chars - head.length()));
    }

    /** Waits for every turn's end over the WebSocket; the memory is read once they have all ended. */
    private void awaitTurns(long sendingStarted) {
        long deadline = sendingStarted + settings.floodTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            if (chats.values().stream().allMatch(chat -> chat.ended.get() >= settings.floodMessages())) {
                return;
            }
            sleep(Duration.ofMillis(250));
        }
        problems.add("not every turn's end arrived over the WebSocket within " + settings.floodTimeout().toSeconds()
                + " s of the first message");
    }

    /** Waits, for the per-partition checks, until every chat's workspace and ChatCreated arrived, or the time is up. */
    private void awaitSettled() {
        long deadline = System.nanoTime() + settings.livenessTimeout().toNanos();
        while (System.nanoTime() < deadline
                && !chats.values().stream().allMatch(chat -> chat.workspaceSettled && chat.chatCreated)) {
            sleep(Duration.ofMillis(250));
        }
    }

    /**
     * Per consumer, the partitions where some flood chat missed what that consumer delivers. A chat whose event
     * never reached Kafka does not count against the consumer that delivers it but against the one that
     * should have produced it; session-service is asked about one chat per partition, its whole history.
     */
    private List<LivenessCheck> partitionChecks(GatewayApi api, List<FloodChat> ordered) {
        List<LivenessCheck> checks = new ArrayList<>();
        Predicate<FloodChat> lifecycleInKafka = chat -> watches.lifecycle().count(chat.chatId,
                TopicWatch.type("ChatCreated")) > 0;
        Predicate<FloodChat> workspaceInKafka = chat -> watches.workspace().count(chat.chatId,
                TopicWatch.type("WorkspaceReady", "WorkspaceFailed")) > 0;
        Predicate<FloodChat> endsInKafka = chat -> watches.chatEvents().count(chat.chatId,
                TopicWatch.type("TurnCompleted", "TurnFailed", "TurnCancelled")) >= settings.floodMessages();
        checks.add(partitionCheck("chat-service <- chat.commands", "every flood turn ended on chat.events (Kafka)",
                ordered, chat -> true, endsInKafka));
        checks.add(partitionCheck("gateway <- chat.events", "every flood turn's end over the WebSocket", ordered,
                endsInKafka, chat -> chat.ended.get() >= settings.floodMessages()));
        checks.add(partitionCheck("git-workspace-service <- session.lifecycle", "every flood chat's workspace event"
                + " on workspace.events (Kafka)", ordered, lifecycleInKafka, workspaceInKafka));
        checks.add(partitionCheck("gateway <- workspace.events", "every flood chat's workspace event over the"
                + " WebSocket", ordered, workspaceInKafka, chat -> chat.workspaceSettled));
        checks.add(partitionCheck("gateway <- session.lifecycle", "every flood chat's ChatCreated over the WebSocket",
                ordered, lifecycleInKafka, chat -> chat.chatCreated));

        Map<Integer, FloodChat> onePerPartition = new TreeMap<>();
        ordered.stream().filter(endsInKafka).forEach(chat -> onePerPartition.putIfAbsent(chat.partition, chat));
        TreeSet<Integer> missing = new TreeSet<>(onePerPartition.keySet());
        long deadline = System.nanoTime() + settings.livenessTimeout().toNanos();
        while (!missing.isEmpty() && System.nanoTime() < deadline) {
            missing.removeIf(partition -> fullHistory(api, onePerPartition.get(partition)));
            if (!missing.isEmpty()) {
                sleep(Duration.ofMillis(500));
            }
        }
        String how = "a flood chat's questions and answers stored, per partition";
        if (onePerPartition.isEmpty()) {
            checks.add(new LivenessCheck("session-service <- chat.events", how, LivenessCheck.Status.UNVERIFIED,
                    "no flood turn ended in Kafka"));
        } else {
            checks.add(LivenessCheck.of("session-service <- chat.events", how, missing.isEmpty(), missing.isEmpty()
                    ? format("%d/%d partitions", onePerPartition.size(), onePerPartition.size())
                    : "history incomplete on partitions " + missing));
        }
        return checks;
    }

    /**
     * @param inputInKafka which chats the consumer had something to deliver for
     * @param delivered    which of those it delivered
     */
    private static LivenessCheck partitionCheck(String consumer, String how, List<FloodChat> ordered,
            Predicate<FloodChat> inputInKafka, Predicate<FloodChat> delivered) {
        List<FloodChat> verifiable = ordered.stream().filter(inputInKafka).toList();
        String described = how + ", per partition";
        if (verifiable.isEmpty()) {
            return new LivenessCheck(consumer, described, LivenessCheck.Status.UNVERIFIED,
                    "its input never reached Kafka (see the producer's check)");
        }
        long partitions = verifiable.stream().mapToInt(chat -> chat.partition).distinct().count();
        TreeSet<Integer> missing = new TreeSet<>();
        verifiable.stream().filter(delivered.negate()).forEach(chat -> missing.add(chat.partition));
        String unverified = verifiable.size() < ordered.size()
                ? format(" (%d of %d chats had input in Kafka)", verifiable.size(), ordered.size()) : "";
        String found = missing.isEmpty() ? format("%d/%d partitions", partitions, partitions)
                : "missing on partitions " + missing;
        return LivenessCheck.of(consumer, described, missing.isEmpty(), found + unverified);
    }

    /** Every flood message is stored as a question with its full text, and each has an answer. */
    private boolean fullHistory(GatewayApi api, FloodChat chat) {
        GatewayApi.Got history = api.get("/api/chats/" + chat.chatId + "/messages");
        if (history.status() != 200 || history.body() == null || !history.body().isArray()) {
            return false;
        }
        int questions = 0;
        int answers = 0;
        for (JsonNode message : history.body()) {
            String role = message.path("role").asText();
            if (role.equals("user") && message.path("content").asText().length() == settings.floodTextChars()) {
                questions++;
            } else if (role.equals("assistant")) {
                answers++;
            }
        }
        return questions >= settings.floodMessages() && answers >= settings.floodMessages();
    }

    private static double rss(OptionalLong pid) {
        if (pid.isEmpty()) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid.getAsLong() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Double.parseDouble(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Reported as unknown.
        }
        return -1;
    }
}
