package io.switchboard.bench;

import static io.switchboard.bench.FigureTable.format;
import static io.switchboard.bench.Progress.progress;
import static io.switchboard.bench.RunClock.seconds;
import static io.switchboard.bench.RunClock.since;
import static io.switchboard.bench.RunClock.sleep;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.events.Envelope;
import io.switchboard.events.Topics;
import io.switchboard.events.command.SendMessage;
import io.switchboard.events.lifecycle.ChatArchived;
import io.switchboard.events.lifecycle.ChatCreated;
import io.switchboard.launcher.Stack;

/**
 * After the poison, in a tenant of its own: does every consumer of every topic still read? One new chat goes
 * the whole way (session-service creates it, git-workspace-service cuts its branch, chat-service answers a
 * message, session-service stores question and answer, the gateway delivers every event), and each step
 * names the consumer it proves; the event topics are watched too, so that a step whose input never reached
 * Kafka blames its producer, not the consumer. Probes written straight onto the topics reach what that chat
 * cannot, on every partition and whatever session-service does: chat-service's command consumer (one
 * SendMessage per partition), its lifecycle consumer (a chat archived by a record on session.lifecycle refuses
 * messages), and the lifecycle and workspace consumers of git-workspace-service and the gateway (one
 * ChatCreated per partition).
 */
final class Liveness {

    static final String TENANT = "tenant-poison-liveness";
    private static final String USER = "liveness-user";
    private static final String QUESTION = "/words 5 liveness check: are all consumers still reading?";
    private static final String CHAT_ARCHIVED = "chat_archived";
    private static final Duration ARCHIVED_RETRY = Duration.ofSeconds(2);

    private final Stack stack;
    private final RawRecords records;
    private final Watches watches;
    private final ChatPartitions partitions;
    private final Duration timeout;
    private final List<LivenessCheck> checks = new ArrayList<>();

    private Liveness(Stack stack, RawRecords records, Watches watches, ChatPartitions partitions, Duration timeout) {
        this.stack = stack;
        this.records = records;
        this.watches = watches;
        this.partitions = partitions;
        this.timeout = timeout;
    }

    static List<LivenessCheck> run(Stack stack, HttpClient http, RawRecords records, Watches watches,
            ChatPartitions partitions, Duration timeout) {
        return new Liveness(stack, records, watches, partitions, timeout).run(http);
    }

    private List<LivenessCheck> run(HttpClient http) {
        progress("liveness in %s: one chat all the way, chat-service's lifecycle consumer, and every partition",
                TENANT);
        CompletableFuture<LivenessCheck> archived = CompletableFuture.supplyAsync(this::archivedChatRefuses);
        CompletableFuture<List<LivenessCheck>> lifecycle = CompletableFuture.supplyAsync(() -> lifecycleProbes(http));
        List<String> probes = new ArrayList<>();
        for (int partition = 0; partition < partitions.count(); partition++) {
            String chatId = partitions.newChatIdOn(partition);
            records.send(Topics.CHAT_COMMANDS, Envelope.of(chatId, TENANT, 0, null, new SendMessage(
                    UUID.randomUUID().toString(), USER, "/words 2 partition probe", "offline")));
            probes.add(chatId);
        }
        records.flush();
        long probesSent = System.nanoTime();

        GatewayApi api = new GatewayApi(stack.gatewayUrl(), stack.token(TENANT, USER, Duration.ofHours(1)));
        String projectId = api.createProject("liveness after poison");
        String chatId = api.createChat(projectId, "liveness after poison");
        long created = System.nanoTime();
        try (ProbeSocket socket = ProbeSocket.open(http, stack.gatewayWebSocketUrl(),
                stack.token(TENANT, USER, Duration.ofHours(1)))) {
            socket.send("{\"type\":\"subscribe\",\"chatId\":\"" + chatId
                    + "\",\"afterSeq\":0,\"after\":{\"workspace\":0,\"lifecycle\":0}}");
            if (socket.await(0, frame -> frame.path("type").asText().equals("subscribed"), timeout).isEmpty()) {
                checks.add(LivenessCheck.of("gateway (WebSocket)", "subscribe to the new chat", false,
                        "no subscribed frame" + socket.closed().map(c -> "; closed " + c).orElse("")));
            }
            boolean chatCreated = produced("session-service -> session.lifecycle", "ChatCreated of the new chat in"
                    + " Kafka", created, () -> watches.lifecycle().await(chatId, TopicWatch.type("ChatCreated"),
                            Duration.ZERO).isPresent());
            verified(chatCreated, "git-workspace-service <- session.lifecycle",
                    "the new chat's workspace READY (REST)", created, () -> workspaceStatus(api, chatId));
            verified(chatCreated, "gateway <- session.lifecycle", "ChatCreated of the new chat over the WebSocket",
                    created, () -> delivered(socket, 0, "lifecycle", "ChatCreated", chatId));
            boolean workspaceEvent = watches.workspace().await(chatId, TopicWatch.type("WorkspaceReady",
                    "WorkspaceFailed"), Duration.ofNanos(Math.max(0, created + timeout.toNanos() - System.nanoTime())))
                    .isPresent();
            verified(workspaceEvent, "gateway <- workspace.events", "WorkspaceReady of the new chat over the"
                    + " WebSocket", created, () -> delivered(socket, 0, "workspace", "WorkspaceReady", chatId));

            int mark = socket.mark();
            socket.send(SocketCorpus.validSend(chatId, QUESTION));
            long sent = System.nanoTime();
            Optional<JsonNode> accepted = socket.await(mark, frame -> frame.path("type").asText().equals("accepted")
                    || frame.path("type").asText().equals("error"), timeout);
            if (accepted.isEmpty() || !accepted.get().path("type").asText().equals("accepted")) {
                checks.add(LivenessCheck.of("gateway (WebSocket)", "a valid send accepted", false,
                        accepted.map(JsonNode::toString).orElse("no answer")));
            }
            boolean completed = produced("chat-service <- chat.commands", "TurnCompleted of the new chat on"
                    + " chat.events (Kafka)", sent, () -> watches.chatEvents().await(chatId,
                            TopicWatch.type("TurnCompleted"), Duration.ZERO).isPresent());
            verified(completed, "gateway <- chat.events", "TurnCompleted of the new chat over the WebSocket", sent,
                    () -> delivered(socket, mark, "chat", "TurnCompleted", chatId));
            verified(completed, "session-service <- chat.events", "question and answer in GET"
                    + " /api/chats/{id}/messages", sent, () -> historyHas(api, chatId, QUESTION) ? "" : null);
        }
        partitionProbes(probes, probesSent);
        checks.add(archived.join());
        checks.addAll(lifecycle.join());
        return List.copyOf(checks);
    }

    /**
     * The lifecycle consumers on every partition, whatever session-service does: one ChatCreated per partition
     * straight onto session.lifecycle. The gateway has learned a chat when it lets the tenant subscribe to it
     * (it knows chats from session.lifecycle; one it has not seen it looks up in session-service, which has
     * never heard of these); git-workspace-service has read it when a workspace event for it appears; the
     * gateway delivers that event to the subscriber when its workspace consumer reads.
     */
    private List<LivenessCheck> lifecycleProbes(HttpClient http) {
        List<LivenessCheck> results = new ArrayList<>();
        try {
            UUID projectId = UUID.randomUUID();
            List<String> chatIds = new ArrayList<>();
            for (int partition = 0; partition < partitions.count(); partition++) {
                String chatId = partitions.newChatIdOn(partition);
                records.send(Topics.SESSION_LIFECYCLE, Envelope.of(chatId, TENANT, 1, null,
                        new ChatCreated(projectId, USER, "lifecycle probe " + partition, "offline")));
                chatIds.add(chatId);
            }
            records.flush();
            long sent = System.nanoTime();
            long deadline = sent + timeout.toNanos();
            try (ProbeSocket socket = ProbeSocket.open(http, stack.gatewayWebSocketUrl(),
                    stack.token(TENANT, USER + "-lifecycle", Duration.ofHours(1)))) {
                TreeSet<Integer> unsubscribed = new TreeSet<>();
                TreeSet<Integer> undelivered = new TreeSet<>();
                TreeSet<Integer> noWorkspace = new TreeSet<>();
                for (int partition = 0; partition < chatIds.size(); partition++) {
                    unsubscribed.add(partition);
                    noWorkspace.add(partition);
                }
                while (System.nanoTime() < deadline && !(unsubscribed.isEmpty() && noWorkspace.isEmpty()
                        && undelivered.isEmpty())) {
                    for (int partition : unsubscribed) {
                        socket.send("{\"type\":\"subscribe\",\"chatId\":\"" + chatIds.get(partition)
                                + "\",\"afterSeq\":0,\"after\":{\"workspace\":0,\"lifecycle\":0}}");
                    }
                    // Paced well under the connection's frame rate limit.
                    sleep(Duration.ofMillis(1500));
                    List<JsonNode> frames = socket.since(0);
                    unsubscribed.removeIf(partition -> frames.stream().anyMatch(frame -> frame.path("type").asText()
                            .equals("subscribed") && frame.path("chatId").asText().equals(chatIds.get(partition))));
                    for (int partition = 0; partition < chatIds.size(); partition++) {
                        String chatId = chatIds.get(partition);
                        boolean inKafka = watches.workspace().count(chatId, TopicWatch.type("WorkspaceReady",
                                "WorkspaceFailed")) > 0;
                        if (inKafka) {
                            noWorkspace.remove(partition);
                            if (frames.stream().noneMatch(event("workspace", "WorkspaceReady", chatId)
                                    .or(event("workspace", "WorkspaceFailed", chatId)))) {
                                undelivered.add(partition);
                            } else {
                                undelivered.remove(partition);
                            }
                        }
                    }
                }
                double took = seconds(since(sent));
                results.add(perPartition("gateway <- session.lifecycle", "a ChatCreated written to Kafka lets the"
                        + " tenant subscribe, per partition", unsubscribed, chatIds.size(), took));
                results.add(perPartition("git-workspace-service <- session.lifecycle", "a ChatCreated written to"
                        + " Kafka gets a workspace event, per partition", noWorkspace, chatIds.size(), took));
                if (noWorkspace.size() == chatIds.size()) {
                    results.add(new LivenessCheck("gateway <- workspace.events", "those workspace events over the"
                            + " WebSocket, per partition", LivenessCheck.Status.UNVERIFIED,
                            "no workspace event reached Kafka"));
                } else {
                    TreeSet<Integer> missing = new TreeSet<>(undelivered);
                    missing.addAll(unsubscribed.stream().filter(p -> !noWorkspace.contains(p)).toList());
                    results.add(perPartition("gateway <- workspace.events", "those workspace events over the"
                            + " WebSocket, per partition", missing, chatIds.size() - noWorkspace.size(), took));
                }
            }
        } catch (RuntimeException e) {
            results.add(LivenessCheck.of("gateway <- session.lifecycle", "lifecycle probes", false,
                    "the check failed: " + e));
        }
        return results;
    }

    private static LivenessCheck perPartition(String consumer, String how, TreeSet<Integer> missing, int of,
            double seconds) {
        return LivenessCheck.of(consumer, how, missing.isEmpty(), missing.isEmpty()
                ? format("%d/%d partitions in %.1f s", of, of, seconds) : "missing on partitions " + missing);
    }

    /** Every partition's probe chat must complete its turn: a consumer stuck on one partition shows here. */
    private void partitionProbes(List<String> probes, long sent) {
        TreeSet<Integer> missing = new TreeSet<>();
        long last = sent;
        long deadline = sent + timeout.toNanos();
        for (int partition = 0; partition < probes.size(); partition++) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            Optional<TopicWatch.Seen> completed = watches.chatEvents().await(probes.get(partition),
                    TopicWatch.type("TurnCompleted"), left);
            if (completed.isEmpty()) {
                missing.add(partition);
            } else {
                last = Math.max(last, completed.get().nanos());
            }
        }
        checks.add(LivenessCheck.of("chat-service <- chat.commands", "a turn completed on every partition (Kafka)",
                missing.isEmpty(), missing.isEmpty() ? format("%d/%d partitions, the last %.1f s after sending",
                        probes.size(), probes.size(), seconds(Duration.ofNanos(last - sent)))
                        : "no TurnCompleted on partitions " + missing));
    }

    /**
     * A chat archived by a record on session.lifecycle must refuse a message with CommandRejected(chat_archived):
     * only chat-service's lifecycle consumer can have told it. A message that races ahead of the archive
     * record is answered normally, so one is sent every two seconds until one is refused.
     */
    private LivenessCheck archivedChatRefuses() {
        String consumer = "chat-service <- session.lifecycle";
        String how = "a chat archived on session.lifecycle refuses messages (chat_archived)";
        long started = System.nanoTime();
        try {
            String chatId = UUID.randomUUID().toString();
            records.send(Topics.SESSION_LIFECYCLE, Envelope.of(chatId, TENANT, 1, null,
                    new ChatArchived(UUID.randomUUID())));
            records.flush();
            long deadline = started + timeout.toNanos();
            Predicate<JsonNode> refused = event -> event.path("type").asText().equals("CommandRejected")
                    && event.path("payload").path("reason").asText().equals(CHAT_ARCHIVED);
            while (System.nanoTime() < deadline) {
                records.send(Topics.CHAT_COMMANDS, Envelope.of(chatId, TENANT, 0, null, new SendMessage(
                        UUID.randomUUID().toString(), USER, "/words 1 archived?", "offline")));
                records.flush();
                if (watches.chatEvents().await(chatId, refused, ARCHIVED_RETRY).isPresent()) {
                    return LivenessCheck.of(consumer, how, true, format("%.1f s", seconds(since(started))));
                }
            }
            return LivenessCheck.of(consumer, how, false, "no CommandRejected(chat_archived) within "
                    + timeout.toSeconds() + " s");
        } catch (RuntimeException e) {
            return LivenessCheck.of(consumer, how, false, "the check failed: " + e);
        }
    }

    /** A check on what a producer wrote; recorded, and its outcome returned for the checks that need it. */
    private boolean produced(String name, String how, long from, BooleanSupplier condition) {
        boolean passed = poll(from, () -> condition.getAsBoolean() ? "" : null).isPresent();
        checks.add(LivenessCheck.of(name, how, passed, passed ? format("%.1f s", seconds(since(from)))
                : "not within " + timeout.toSeconds() + " s"));
        return passed;
    }

    /**
     * A consumer's check, made only when its input is in Kafka. The condition answers null while it waits,
     * "" when it passed, and anything else when it failed for good (a workspace that FAILED).
     */
    private void verified(boolean inputInKafka, String consumer, String how, long from, Supplier<String> condition) {
        if (!inputInKafka) {
            checks.add(new LivenessCheck(consumer, how, LivenessCheck.Status.UNVERIFIED,
                    "its input never reached Kafka (see the producer's check)"));
            return;
        }
        Optional<String> result = poll(from, condition);
        if (result.isEmpty()) {
            checks.add(LivenessCheck.of(consumer, how, false, "not within " + timeout.toSeconds() + " s"));
        } else {
            checks.add(LivenessCheck.of(consumer, how, result.get().isEmpty(), result.get().isEmpty()
                    ? format("%.1f s", seconds(since(from))) : result.get()));
        }
    }

    /** Polls until the condition answers (not null) or the time, counted from {@code from}, is up. */
    private Optional<String> poll(long from, Supplier<String> condition) {
        long deadline = from + timeout.toNanos();
        while (true) {
            String answer = condition.get();
            if (answer != null) {
                return Optional.of(answer);
            }
            if (System.nanoTime() > deadline) {
                return Optional.empty();
            }
            sleep(Duration.ofMillis(250));
        }
    }

    private static String delivered(ProbeSocket socket, int from, String stream, String type, String chatId) {
        return socket.await(from, event(stream, type, chatId), Duration.ZERO).isPresent() ? "" : null;
    }

    /** "" when READY, the status and reason when FAILED, null while pending. */
    private static String workspaceStatus(GatewayApi api, String chatId) {
        GatewayApi.Got workspace = api.get("/api/chats/" + chatId + "/workspace");
        if (workspace.status() != 200 || workspace.body() == null) {
            return null;
        }
        return switch (workspace.body().path("status").asText()) {
            case "READY" -> "";
            case "FAILED" -> "FAILED: " + workspace.body().path("failureReason").asText();
            default -> null;
        };
    }

    /** The chat's history holds the question and an answer to it. */
    static boolean historyHas(GatewayApi api, String chatId, String question) {
        GatewayApi.Got history = api.get("/api/chats/" + chatId + "/messages");
        if (history.status() != 200 || history.body() == null || !history.body().isArray()) {
            return false;
        }
        boolean asked = false;
        boolean answered = false;
        for (JsonNode message : history.body()) {
            if (message.path("role").asText().equals("user") && message.path("content").asText().equals(question)) {
                asked = true;
            } else if (asked && message.path("role").asText().equals("assistant")
                    && !message.path("content").asText().isEmpty()) {
                answered = true;
            }
        }
        return asked && answered;
    }

    static Predicate<JsonNode> event(String stream, String type, String chatId) {
        return frame -> frame.path("type").asText().equals("event") && frame.path("stream").asText().equals(stream)
                && frame.path("event").path("type").asText().equals(type)
                && frame.path("event").path("chatId").asText().equals(chatId);
    }
}
