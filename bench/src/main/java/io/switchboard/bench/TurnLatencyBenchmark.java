package io.switchboard.bench;

import static io.switchboard.bench.FigureTable.format;
import static io.switchboard.bench.FigureTable.latency;
import static io.switchboard.bench.Progress.progress;
import static io.switchboard.bench.RunClock.seconds;
import static io.switchboard.bench.RunClock.since;
import static io.switchboard.bench.RunClock.sleep;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import org.HdrHistogram.Histogram;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.events.json.EventJson;
import io.switchboard.launcher.Stack;

/**
 * What one turn costs on an idle stack: one chat, one WebSocket subscriber, one message at a time with the offline
 * model, each sent only once the previous turn's TurnCompleted arrived. For every turn it times, from the send, the
 * {@code accepted} answer (202 of {@code POST /api/chats/{id}/messages}, or the {@code accepted} frame), TurnStarted,
 * the first TextDelta and TurnCompleted as the subscriber reads them, and splits the way to the first TextDelta by
 * the envelopes' {@code at}. Over the measured turns it reads the CPU time of every process and divides it by the
 * turns completed; an idle period of the same stack after them says how much of that the stack spends anyway, and
 * the machine's busy time beside it how much CPU other programs took meanwhile (a shared machine skews latency).
 *
 * <p>The targets (send to first TextDelta p50 at most 15 ms, stack CPU per completed turn at most 5 ms) are
 * printed beside the figures, not asserted: the run passes when every turn completed. Settings are system
 * properties, listed in docs/benchmarks.md.
 */
public final class TurnLatencyBenchmark {

    private static final String TENANT = "tenant-turn-latency";
    private static final double TARGET_FIRST_DELTA_P50_MILLIS = 15;
    private static final double TARGET_STACK_CPU_MILLIS_PER_TURN = 5;
    private static final Duration TURN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(60);
    /** Lets the turns' trailing work (storing the message, the sidebar) end before the next phase. */
    private static final Duration SETTLE = Duration.ofSeconds(2);
    private static final String BENCH_JVM = "benchmark JVM (clients)";

    private final Settings settings;
    private final List<String> failures = new ArrayList<>();

    private TurnLatencyBenchmark(Settings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        BenchMain.runAndExit(() -> new TurnLatencyBenchmark(Settings.fromSystemProperties()).run());
    }

    private boolean run() {
        Map<String, String> config = new HashMap<>();
        for (String limit : new String[] {"user-requests-per-second", "user-burst", "tenant-requests-per-second",
                "tenant-burst"}) {
            config.put("switchboard.api." + limit, "1000000");
        }
        config.put("switchboard.chat.offline.words-per-second", String.valueOf(settings.wordsPerSecond()));
        config.put("switchboard.chat.offline.reply-words", String.valueOf(settings.replyWords()));
        if (settings.coalesceWindow() != null) {
            config.put("switchboard.chat.coalesce-window", settings.coalesceWindow());
        }
        config.putAll(settings.serviceConfig());
        StackRun.Measured<Report> run = StackRun.run(settings.projectRoot(),
                () -> BenchStack.start(settings.projectRoot(), config, settings.keepData()), this::measure);
        return run.result().print(run.total());
    }

    private Report measure(Stack stack, Duration stackStart, String loadAtStart) {
        String token = stack.token(TENANT, "turn-latency-user", Duration.ofHours(1));
        GatewayApi api = new GatewayApi(stack.gatewayUrl(), token);
        String projectId = api.createProject("turn latency");
        String chatId = api.createChat(projectId, "turn latency");
        ProcessCpu cpu = StackCpu.of(stack, settings.projectRoot(), failures);
        try (Subscriber subscriber = Subscriber.open(stack.gatewayWebSocketUrl(), token, chatId)) {
            subscriber.subscribe();
            progress("subscribed to chat %s; waiting for its workspace", chatId);
            await(subscriber.workspaceSettled, "the chat's workspace was not settled");
            Sender sender = settings.sendOverSocket()
                    ? (text, clientMessageId) -> subscriber.send(text, clientMessageId)
                    : (text, clientMessageId) -> api.sendMessage(chatId, text);

            progress("%d warm-up turns (not reported)", settings.warmup());
            turns(subscriber, sender, settings.warmup(), "w");
            sleep(SETTLE);

            progress("%d measured turns, one after another", settings.turns());
            String loadBefore = MachineLoad.now();
            Map<String, Double> cpuStart = cpu.seconds();
            double machineStart = machineBusySeconds();
            long measuring = System.nanoTime();
            List<Turn> turns = turns(subscriber, sender, settings.turns(), "");
            Duration window = since(measuring);
            Map<String, Double> cpuEnd = cpu.seconds();
            double machine = machineBusySeconds() - machineStart;
            String loadAfter = MachineLoad.now();
            progress("measured %d turns in %.1f s", turns.size(), seconds(window));

            // After the turns rather than before: right after its start the stack is still compiling its hot code.
            sleep(SETTLE);
            progress("idle stack for %d s", settings.idle().toSeconds());
            Map<String, Double> idleStart = cpu.seconds();
            long idleStarted = System.nanoTime();
            sleep(settings.idle());
            Map<String, Double> idleEnd = cpu.seconds();
            Duration idle = since(idleStarted);
            return new Report(stackStart, loadAtStart, loadBefore, loadAfter, turns, window,
                    difference(cpuStart, cpuEnd), machine, idle, difference(idleStart, idleEnd));
        }
    }

    /** Sends {@code count} messages, each once the previous turn's end was seen; the completed ones' figures. */
    private List<Turn> turns(Subscriber subscriber, Sender sender, int count, String label) {
        List<Turn> turns = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            // Four words, always: the offline answer quotes them, so every answer has the same length.
            String text = "turn latency question " + label + i;
            Pending pending = subscriber.expect(text);
            pending.sentAt = Instant.now();
            pending.sentNanos = System.nanoTime();
            // The socket's listener already noted when it read the accepted frame; the REST answer is noted here.
            CompletableFuture<Void> accepted = sender.send(text, "turn-latency-" + label + i).thenRun(() -> {
                if (pending.acceptedNanos == 0) {
                    pending.acceptedNanos = System.nanoTime();
                }
            });
            try {
                accepted.get(TURN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                pending.done.get(TURN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                failures.add("turn '" + text + "': " + e.getCause());
                break;
            } catch (TimeoutException e) {
                failures.add("turn '" + text + "' did not end within " + TURN_TIMEOUT.toSeconds() + " s");
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted", e);
            }
            if (pending.failure != null) {
                failures.add("turn '" + text + "' ended as " + pending.failure);
                continue;
            }
            turns.add(pending.turn());
        }
        return turns;
    }

    private <T> void await(CompletableFuture<T> future, String failure) {
        try {
            future.get(SETUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(failure + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private static String verdict(double value, double target, String unit) {
        return String.format(Locale.ROOT, "%s (%.2f %s against %.0f %s)", value <= target ? "met" : "MISSED", value,
                unit, target, unit);
    }

    /**
     * CPU-seconds all cores of the machine were busy so far, from the first line of {@code /proc/stat} (user, nice,
     * system, irq, softirq, steal); -1 when it cannot be read.
     */
    private static double machineBusySeconds() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int field : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(fields[field]);
            }
            return busy / (double) ProcessCpu.ticksPerSecond();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** CPU-seconds each process spent between the two readings; -1 when it was gone at either. */
    private static Map<String, Double> difference(Map<String, Double> start, Map<String, Double> end) {
        Map<String, Double> spent = new LinkedHashMap<>();
        end.forEach((name, seconds) -> {
            double before = start.getOrDefault(name, -1.0);
            spent.put(name, before < 0 || seconds < 0 ? -1 : seconds - before);
        });
        return spent;
    }

    /** Hands one message to the gateway; completes when the gateway said it accepted it. */
    private interface Sender {
        CompletableFuture<Void> send(String text, String clientMessageId);
    }

    /**
     * One turn's figures: nanoTime of the send and of each frame as the subscriber read it (before parsing),
     * and the envelopes' {@code at} for the split.
     */
    private record Turn(long sentNanos, long acceptedNanos, long startedNanos, long firstDeltaNanos,
            long completedNanos, Instant sentAt, Instant queuedAt, Instant startedAt, Instant firstDeltaAt,
            Instant firstDeltaSeen, int deltas, int words) {
    }

    /** The turn the subscriber waits for: written by the socket's listener, read once {@link #done} completed. */
    private static final class Pending {

        private final String text;
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private volatile Instant sentAt;
        private volatile long sentNanos;
        private volatile long acceptedNanos;
        private volatile String turnId;
        private volatile Instant queuedAt;
        private volatile long startedNanos;
        private volatile Instant startedAt;
        private volatile long firstDeltaNanos;
        private volatile Instant firstDeltaAt;
        private volatile Instant firstDeltaSeen;
        private volatile int deltas;
        private volatile long completedNanos;
        private volatile int words;
        private volatile String failure;

        Pending(String text) {
            this.text = text;
        }

        Turn turn() {
            return new Turn(sentNanos, acceptedNanos, startedNanos, firstDeltaNanos, completedNanos, sentAt, queuedAt,
                    startedAt, firstDeltaAt, firstDeltaSeen, deltas, words);
        }
    }

    /**
     * The one WebSocket client: follows the chat (and its workspace stream), sends {@code send} frames when asked to,
     * and matches the chat events to the pending turn: TurnQueued by its text, the rest by its turnId.
     */
    private static final class Subscriber extends TextFrameListener implements AutoCloseable {

        private final String chatId;
        private final CompletableFuture<Void> subscribed = new CompletableFuture<>();
        private final CompletableFuture<Void> workspaceSettled = new CompletableFuture<>();
        private final Map<String, CompletableFuture<Void>> acceptedFrames = new ConcurrentHashMap<>();
        private volatile Pending pending;
        private volatile boolean closing;
        private WebSocket socket;

        private Subscriber(String chatId) {
            this.chatId = chatId;
        }

        static Subscriber open(String url, String token, String chatId) {
            Subscriber subscriber = new Subscriber(chatId);
            subscriber.socket = GatewaySockets.open(HttpClient.newHttpClient(), url, token, subscriber);
            return subscriber;
        }

        void subscribe() {
            socket.sendText("{\"type\":\"subscribe\",\"chatId\":\"" + chatId + "\",\"afterSeq\":0,"
                    + "\"after\":{\"workspace\":0,\"lifecycle\":0}}", true).join();
            subscribed.orTimeout(SETUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
        }

        Pending expect(String text) {
            Pending next = new Pending(text);
            pending = next;
            return next;
        }

        /** A {@code send} frame; completes when the gateway's {@code accepted} frame for it arrives. */
        CompletableFuture<Void> send(String text, String clientMessageId) {
            CompletableFuture<Void> accepted = new CompletableFuture<>();
            acceptedFrames.put(clientMessageId, accepted);
            String frame = EventJson.mapper().createObjectNode().put("type", "send").put("chatId", chatId)
                    .put("text", text).put("clientMessageId", clientMessageId).toString();
            return socket.sendText(frame, true).thenCompose(ignored -> accepted);
        }

        @Override
        void onFrame(String text, Instant receivedAt, long receivedNanos) {
            JsonNode frame;
            try {
                frame = EventJson.mapper().readTree(text);
            } catch (IOException e) {
                fail("a frame that is not JSON: " + text);
                return;
            }
            switch (frame.path("type").asText()) {
                case "subscribed" -> subscribed.complete(null);
                case "accepted" -> {
                    CompletableFuture<Void> accepted = acceptedFrames.remove(frame.path("clientMessageId").asText());
                    if (accepted != null) {
                        Pending current = pending;
                        if (current != null && current.acceptedNanos == 0) {
                            current.acceptedNanos = receivedNanos;
                        }
                        accepted.complete(null);
                    }
                }
                case "event" -> onEvent(frame.path("stream").asText(), frame.path("event"), receivedAt, receivedNanos);
                case "error" -> {
                    subscribed.completeExceptionally(new IllegalStateException("error frame: " + frame));
                    fail("error frame: " + frame);
                }
                case "resync" -> fail("resync frame: " + frame);
                default -> {
                }
            }
        }

        private void onEvent(String stream, JsonNode event, Instant receivedAt, long receivedNanos) {
            String type = event.path("type").asText();
            if (stream.equals("workspace")) {
                if (type.equals("WorkspaceReady") || type.equals("WorkspaceFailed")) {
                    workspaceSettled.complete(null);
                }
                return;
            }
            Pending current = pending;
            if (!stream.equals("chat") || current == null) {
                return;
            }
            if (type.equals("TurnQueued")) {
                if (current.turnId == null && current.text.equals(event.path("payload").path("text").asText())) {
                    current.turnId = event.path("turnId").asText();
                    current.queuedAt = at(event);
                }
                return;
            }
            if (current.turnId == null || !current.turnId.equals(event.path("turnId").asText())) {
                return;
            }
            switch (type) {
                case "TurnStarted" -> {
                    current.startedNanos = receivedNanos;
                    current.startedAt = at(event);
                }
                case "TextDelta" -> {
                    if (current.deltas == 0) {
                        current.firstDeltaNanos = receivedNanos;
                        current.firstDeltaAt = at(event);
                        current.firstDeltaSeen = receivedAt;
                    }
                    current.deltas++;
                }
                case "TurnCompleted" -> {
                    current.completedNanos = receivedNanos;
                    String answer = event.path("payload").path("text").asText().strip();
                    current.words = answer.isEmpty() ? 0 : answer.split("\\s+").length;
                    current.done.complete(null);
                }
                case "TurnFailed", "TurnCancelled" -> {
                    current.failure = type + " " + event.path("payload");
                    current.done.complete(null);
                }
                default -> {
                }
            }
        }

        private static Instant at(JsonNode event) {
            try {
                return Instant.parse(event.path("at").asText());
            } catch (DateTimeParseException e) {
                return null;
            }
        }

        private void fail(String reason) {
            Pending current = pending;
            if (current != null) {
                current.done.completeExceptionally(new IllegalStateException(reason));
            }
        }

        @Override
        void onClosed(String reason) {
            if (!closing) {
                subscribed.completeExceptionally(new IllegalStateException("connection closed " + reason));
                fail("connection closed " + reason);
            }
        }

        @Override
        public void close() {
            closing = true;
            GatewaySockets.closeNormally(socket);
            socket.abort();
        }
    }

    /** What the measured turns showed, printed as one table. */
    private final class Report {

        private final Duration stackStart;
        private final String loadAtStart;
        private final String loadBefore;
        private final String loadAfter;
        private final List<Turn> turns;
        private final Duration window;
        private final Map<String, Double> cpu;
        private final double machine;
        private final Duration idle;
        private final Map<String, Double> idleCpu;

        Report(Duration stackStart, String loadAtStart, String loadBefore, String loadAfter, List<Turn> turns,
                Duration window, Map<String, Double> cpu, double machine, Duration idle, Map<String, Double> idleCpu) {
            this.stackStart = stackStart;
            this.loadAtStart = loadAtStart;
            this.loadBefore = loadBefore;
            this.loadAfter = loadAfter;
            this.turns = turns;
            this.window = window;
            this.cpu = cpu;
            this.machine = machine;
            this.idle = idle;
            this.idleCpu = idleCpu;
        }

        boolean print(Duration total) {
            FigureTable table = new FigureTable(System.out);
            table.title("Turn latency: idle stack, offline model, one chat, one subscriber, one message at a time%n"
                    + "(%d measured turns after %d warm-up turns; sent over %s)", settings.turns(), settings.warmup(),
                    settings.sendOverSocket() ? "the WebSocket send frame" : "POST /api/chats/{id}/messages");
            table.row("Load average (1 min) at start / before / after", format("%s / %s / %s", loadAtStart,
                    loadBefore, loadAfter));
            table.row("Stack start (Kafka, PostgreSQL, 4 services)", FigureTable.seconds(stackStart));
            table.row("Offline model", format("%d words/s, reply-words %d, coalesce window %s",
                    settings.wordsPerSecond(), settings.replyWords(),
                    settings.coalesceWindow() == null ? "service default" : settings.coalesceWindow()));
            table.row("Turns completed / measured", format("%d / %d in %s", turns.size(), settings.turns(),
                    FigureTable.seconds(window)));
            if (!turns.isEmpty()) {
                table.row("Words per answer / TextDeltas per turn (mean)", format("%.1f / %.1f",
                        turns.stream().mapToInt(Turn::words).average().orElse(0),
                        turns.stream().mapToInt(Turn::deltas).average().orElse(0)));
            }
            table.rule();
            Latency firstDelta = nanos(Turn::firstDeltaNanos);
            table.row("send -> accepted (202 / accepted frame)", latency(nanos(Turn::acceptedNanos)));
            table.row("send -> TurnStarted seen", latency(nanos(Turn::startedNanos)));
            table.row("send -> first TextDelta seen", latency(firstDelta));
            table.row("  target p50 <= 15 ms", verdict(firstDelta.p50Micros() / 1000.0,
                    TARGET_FIRST_DELTA_P50_MILLIS, "ms"));
            table.row("send -> TurnCompleted seen", latency(nanos(Turn::completedNanos)));
            table.row("Split (envelope at, this machine's clock):", "");
            table.row("  send -> TurnQueued at (gateway, chat.commands)", latency(between(Turn::sentAt,
                    Turn::queuedAt)));
            table.row("  TurnQueued at -> TurnStarted at", latency(between(Turn::queuedAt, Turn::startedAt)));
            table.row("  TurnStarted at -> first TextDelta at", latency(between(Turn::startedAt,
                    Turn::firstDeltaAt)));
            table.row("  first TextDelta at -> seen (Kafka, gateway, WS)", latency(between(Turn::firstDeltaAt,
                    Turn::firstDeltaSeen)));
            table.rule();
            printCpu(table);
            table.row("Whole run", FigureTable.seconds(total));
            boolean passed = failures.isEmpty() && turns.size() == settings.turns();
            table.end(failures, List.of(), 0, "", passed);
            return passed;
        }

        private void printCpu(FigureTable table) {
            int completed = Math.max(1, turns.size());
            double windowSeconds = window.toNanos() / 1e9;
            double idleSeconds = Math.max(1e-9, idle.toNanos() / 1e9);
            table.row(format("CPU in the %.1f s measured window", windowSeconds),
                    format("CPU-s | ms/turn | idle ms/s | ms/turn above idle (idle period %.1f s)", idleSeconds));
            double stack = 0;
            double stackAboveIdle = 0;
            double run = 0;
            boolean complete = true;
            for (Map.Entry<String, Double> entry : cpu.entrySet()) {
                double spent = entry.getValue();
                double idleRate = idleCpu.getOrDefault(entry.getKey(), -1.0) / idleSeconds;
                if (spent < 0) {
                    table.row("  " + entry.getKey(), "gone");
                    complete &= entry.getKey().equals(BENCH_JVM);
                    continue;
                }
                double aboveIdle = (spent - Math.max(0, idleRate) * windowSeconds) * 1000 / completed;
                table.row("  " + entry.getKey(), format("%6.2f | %6.2f | %6.2f | %6.2f", spent,
                        spent * 1000 / completed, idleRate * 1000, aboveIdle));
                run += spent;
                if (!entry.getKey().equals(BENCH_JVM)) {
                    stack += spent;
                    stackAboveIdle += aboveIdle;
                }
            }
            table.row("Stack CPU per completed turn (services+Kafka+PG)", format("%.2f ms (%.2f CPU-s / %d turns)%s",
                    stack * 1000 / completed, stack, turns.size(), complete ? "" : ", processes missing"));
            table.row("  target <= 5 ms", verdict(stack * 1000 / completed, TARGET_STACK_CPU_MILLIS_PER_TURN, "ms"));
            table.row("  of which above the idle stack's own", format("%.2f ms", stackAboveIdle));
            table.row("Machine busy in the window (all cores)", machine < 0 ? "n/a" : format(
                    "%.2f CPU-s, of which outside the processes above: %.2f CPU-s (%d cores)", machine,
                    machine - run, Runtime.getRuntime().availableProcessors()));
        }

        private Latency nanos(ToLongFunction<Turn> seen) {
            Histogram histogram = Latency.newHistogram();
            turns.forEach(turn -> Latency.record(histogram,
                    TimeUnit.NANOSECONDS.toMicros(seen.applyAsLong(turn) - turn.sentNanos())));
            return Latency.of(histogram);
        }

        private Latency between(Function<Turn, Instant> from,
                Function<Turn, Instant> to) {
            Histogram histogram = Latency.newHistogram();
            for (Turn turn : turns) {
                Instant start = from.apply(turn);
                Instant end = to.apply(turn);
                if (start != null && end != null) {
                    Latency.record(histogram, ChronoUnit.MICROS.between(start, end));
                }
            }
            return Latency.of(histogram);
        }
    }

    /**
     * @param turns          measured turns, {@code bench.turns}
     * @param warmup         turns before them, not reported, {@code bench.turn-latency.warmup}
     * @param idle           idle period before the measured turns, {@code bench.turn-latency.idle-seconds}
     * @param sendOverSocket send with the WebSocket {@code send} frame instead of the REST POST,
     *                       {@code bench.turn-latency.send=socket}
     * @param wordsPerSecond {@code bench.words-per-second}, the offline model's rate
     * @param replyWords     {@code bench.reply-words}, words of each answer after its seven-word preamble
     * @param coalesceWindow {@code bench.coalesce-window}, or null for the service's default
     */
    private record Settings(Path projectRoot, int turns, int warmup, Duration idle, boolean sendOverSocket,
            int wordsPerSecond, int replyWords, String coalesceWindow, boolean keepData,
            Map<String, String> serviceConfig) {

        static Settings fromSystemProperties() {
            Properties p = System.getProperties();
            String send = p.getProperty("bench.turn-latency.send", "rest").strip();
            if (!send.equals("rest") && !send.equals("socket")) {
                throw new IllegalArgumentException("bench.turn-latency.send must be rest or socket, was " + send);
            }
            String coalesce = p.getProperty("bench.coalesce-window");
            Settings settings = new Settings(
                    Path.of(p.getProperty("bench.project-root", ".")).toAbsolutePath().normalize(),
                    BenchSettings.intValue(p, "bench.turns", 100),
                    BenchSettings.intValue(p, "bench.turn-latency.warmup", 20),
                    Duration.ofSeconds(BenchSettings.intValue(p, "bench.turn-latency.idle-seconds", 10)),
                    send.equals("socket"),
                    BenchSettings.intValue(p, "bench.words-per-second", 1000),
                    BenchSettings.intValue(p, "bench.reply-words", 33),
                    coalesce == null || coalesce.isBlank() ? null : coalesce.strip(),
                    Boolean.parseBoolean(p.getProperty("bench.keep-data", "false")),
                    BenchSettings.serviceConfig(p));
            BenchSettings.requirePositive(settings.turns(), "bench.turns");
            BenchSettings.requirePositive((int) settings.idle().toSeconds(), "bench.turn-latency.idle-seconds");
            BenchSettings.requirePositive(settings.wordsPerSecond(), "bench.words-per-second");
            return settings;
        }
    }
}
