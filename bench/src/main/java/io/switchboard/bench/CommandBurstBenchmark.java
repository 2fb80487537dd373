package io.switchboard.bench;

import static io.switchboard.bench.FigureTable.format;
import static io.switchboard.bench.FigureTable.latency;
import static io.switchboard.bench.Progress.progress;
import static io.switchboard.bench.RunClock.seconds;
import static io.switchboard.bench.RunClock.since;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.HdrHistogram.Histogram;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.events.json.EventJson;
import io.switchboard.launcher.Stack;

/**
 * A burst of {@code send} frames written back to back on one WebSocket, spread over a few chats of the connection:
 * how long each waits for its {@code accepted} frame, and whether every chat's answers come in the order its
 * messages were sent. Each round waits until the turns of the previous one ended, so every burst meets a stack that
 * is only answering that burst. The target (all accepted within 50 ms p99, in order per chat) is printed,
 * not asserted; the run passes when every command was accepted, in order, and every turn ended.
 */
public final class CommandBurstBenchmark {

    private static final String TENANT = "tenant-command-burst";
    private static final double TARGET_P99_MILLIS = 50;
    private static final Duration ROUND_TIMEOUT = Duration.ofSeconds(60);

    private final Settings settings;
    private final List<String> failures = new ArrayList<>();

    private CommandBurstBenchmark(Settings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        BenchMain.runAndExit(() -> new CommandBurstBenchmark(Settings.fromSystemProperties()).run());
    }

    private boolean run() {
        Map<String, String> config = new HashMap<>();
        config.put("switchboard.ws.rate-limit.frames-per-second", "100000");
        config.put("switchboard.ws.rate-limit.burst", "100000");
        // Short answers: the figure is the commands' intake, not the turns.
        config.put("switchboard.chat.offline.words-per-second", "1000");
        config.put("switchboard.chat.offline.reply-words", "8");
        config.putAll(settings.serviceConfig());
        StackRun.Measured<Report> run = StackRun.run(settings.projectRoot(),
                () -> BenchStack.start(settings.projectRoot(), config, settings.keepData()), this::measure);
        return run.result().print(run.total());
    }

    private Report measure(Stack stack, Duration stackStart, String loadAtStart) {
        String token = stack.token(TENANT, "burst-user", Duration.ofHours(1));
        GatewayApi api = new GatewayApi(stack.gatewayUrl(), token);
        String projectId = api.createProject("command burst");
        List<String> chats = new ArrayList<>();
        for (int i = 0; i < settings.chats(); i++) {
            chats.add(api.createChat(projectId, "burst " + i));
        }
        ProcessCpu cpu = StackCpu.of(stack, settings.projectRoot(), failures);
        try (BurstSocket socket = BurstSocket.open(stack.gatewayWebSocketUrl(), token)) {
            chats.forEach(socket::subscribe);
            progress("%d warm-up bursts of %d sends over %d chats (not reported)", settings.warmup(),
                    settings.burst(), chats.size());
            for (int round = 0; round < settings.warmup(); round++) {
                burst(socket, chats, "w" + round);
            }
            progress("%d measured bursts", settings.rounds());
            Map<String, Double> cpuStart = cpu.seconds();
            long measuring = System.nanoTime();
            for (int round = 0; round < settings.rounds() && failures.isEmpty(); round++) {
                burst(socket, chats, "m" + round);
            }
            Duration window = since(measuring);
            Map<String, Double> spent = new LinkedHashMap<>();
            cpu.seconds().forEach((name, end) -> spent.put(name, end - cpuStart.getOrDefault(name, end)));
            socket.problems.forEach(failures::add);
            return new Report(stackStart, loadAtStart, socket.accepted, socket.lastOfBurst, window, spent);
        }
    }

    /** Writes the burst's frames back to back, then waits for every one's answer and every turn's end. */
    private void burst(BurstSocket socket, List<String> chats, String label) {
        int turnsBefore = socket.turnsEnded.get();
        CountDownLatch answered = socket.expect(settings.burst(), label.startsWith("m"));
        for (int i = 0; i < settings.burst(); i++) {
            String chat = chats.get(i % chats.size());
            socket.send(chat, "burst " + label + " message " + i, label + "-" + i);
        }
        try {
            if (!answered.await(ROUND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                failures.add("burst " + label + ": not every send was answered within " + ROUND_TIMEOUT.toSeconds()
                        + " s");
                return;
            }
            long deadline = System.nanoTime() + ROUND_TIMEOUT.toNanos();
            while (socket.turnsEnded.get() < turnsBefore + settings.burst()) {
                if (System.nanoTime() > deadline) {
                    failures.add("burst " + label + ": its turns did not end within " + ROUND_TIMEOUT.toSeconds()
                            + " s");
                    return;
                }
                Thread.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    /**
     * One connection following every chat of the benchmark: writes {@code send} frames, notes when each was
     * written and when its {@code accepted} frame was read, checks each chat's answers keep its sending order and
     * counts the turns that ended.
     */
    private static final class BurstSocket extends TextFrameListener implements AutoCloseable {

        private final Map<String, Long> writtenNanos = new ConcurrentHashMap<>();
        private final Map<String, List<String>> sentPerChat = new ConcurrentHashMap<>();
        private final Map<String, Integer> answeredPerChat = new ConcurrentHashMap<>();
        private final Histogram accepted = Latency.newSynchronizedHistogram();
        private final Histogram lastOfBurst = Latency.newSynchronizedHistogram();
        private final List<String> problems = new ArrayList<>();
        private final AtomicInteger turnsEnded = new AtomicInteger();
        private volatile CountDownLatch answered = new CountDownLatch(0);
        private volatile boolean measured;
        private volatile long burstStartNanos;
        private volatile boolean closing;
        private WebSocket socket;

        static BurstSocket open(String url, String token) {
            BurstSocket listener = new BurstSocket();
            listener.socket = GatewaySockets.open(HttpClient.newHttpClient(), url, token, listener);
            return listener;
        }

        void subscribe(String chatId) {
            socket.sendText("{\"type\":\"subscribe\",\"chatId\":\"" + chatId + "\"}", true).join();
        }

        CountDownLatch expect(int frames, boolean measure) {
            measured = measure;
            answered = new CountDownLatch(frames);
            burstStartNanos = System.nanoTime();
            return answered;
        }

        void send(String chatId, String text, String clientMessageId) {
            sentPerChat.computeIfAbsent(chatId, id -> new CopyOnWriteArrayList<>()).add(clientMessageId);
            String frame = EventJson.mapper().createObjectNode().put("type", "send").put("chatId", chatId)
                    .put("text", text).put("clientMessageId", clientMessageId).toString();
            writtenNanos.put(clientMessageId, System.nanoTime());
            // The client may not write a frame before the previous write completed; that is local and quick.
            socket.sendText(frame, true).join();
        }

        @Override
        void onFrame(String text, Instant receivedAt, long receivedNanos) {
            JsonNode frame;
            try {
                frame = EventJson.mapper().readTree(text);
            } catch (IOException e) {
                problem("a frame that is not JSON: " + text);
                return;
            }
            switch (frame.path("type").asText()) {
                case "accepted" -> onAccepted(frame, receivedNanos);
                case "error" -> {
                    problem("error frame: " + frame);
                    answered.countDown();
                }
                case "event" -> {
                    String type = frame.path("event").path("type").asText();
                    if (type.equals("TurnCompleted") || type.equals("TurnFailed") || type.equals("TurnCancelled")) {
                        turnsEnded.incrementAndGet();
                    }
                }
                default -> {
                }
            }
        }

        private void onAccepted(JsonNode frame, long receivedNanos) {
            String id = frame.path("clientMessageId").asText();
            String chatId = frame.path("chatId").asText();
            Long written = writtenNanos.remove(id);
            if (written == null) {
                return;
            }
            List<String> sent = sentPerChat.get(chatId);
            int position = answeredPerChat.merge(chatId, 1, Integer::sum) - 1;
            if (sent == null || position >= sent.size() || !sent.get(position).equals(id)) {
                problem(format("chat %s: accepted %s where %s was next", chatId, id,
                        sent == null || position >= sent.size() ? "nothing" : sent.get(position)));
            }
            if (measured) {
                Latency.record(accepted, TimeUnit.NANOSECONDS.toMicros(receivedNanos - written));
                if (answered.getCount() == 1) {
                    Latency.record(lastOfBurst, TimeUnit.NANOSECONDS.toMicros(receivedNanos - burstStartNanos));
                }
            }
            answered.countDown();
        }

        private synchronized void problem(String problem) {
            if (problems.size() < 20) {
                problems.add(problem);
            }
        }

        @Override
        void onClosed(String reason) {
            if (!closing) {
                problem("connection closed " + reason);
            }
        }

        @Override
        public void close() {
            closing = true;
            GatewaySockets.closeNormally(socket);
            socket.abort();
        }
    }

    /** What the measured bursts showed, printed as one table. */
    private final class Report {

        private final Duration stackStart;
        private final String loadAtStart;
        private final Histogram accepted;
        private final Histogram lastOfBurst;
        private final Duration window;
        private final Map<String, Double> cpu;

        Report(Duration stackStart, String loadAtStart, Histogram accepted, Histogram lastOfBurst, Duration window,
                Map<String, Double> cpu) {
            this.stackStart = stackStart;
            this.loadAtStart = loadAtStart;
            this.accepted = accepted;
            this.lastOfBurst = lastOfBurst;
            this.window = window;
            this.cpu = cpu;
        }

        boolean print(Duration total) {
            FigureTable table = new FigureTable(System.out);
            table.title("Command burst: %d send frames back to back on one WebSocket over %d chats, %d measured bursts"
                    + "%n(after %d warm-up bursts; each burst waits for the previous one's turns to end)",
                    settings.burst(), settings.chats(), settings.rounds(), settings.warmup());
            table.row("Load average (1 min) at start / now", format("%s / %s", loadAtStart, MachineLoad.now()));
            table.row("Stack start (Kafka, PostgreSQL, 4 services)", FigureTable.seconds(stackStart));
            table.rule();
            Latency perSend = Latency.of(accepted);
            table.row("frame written -> its accepted frame read", latency(perSend));
            table.row("  target p99 <= 50 ms", String.format(Locale.ROOT, "%s (%.1f ms)",
                    perSend.p99Micros() <= TARGET_P99_MILLIS * 1000 ? "met" : "MISSED", perSend.p99Micros() / 1000.0));
            table.row("first frame written -> last accepted read", latency(Latency.of(lastOfBurst)));
            table.rule();
            long commands = accepted.getTotalCount();
            table.row(format("CPU in the %.1f s measured window", seconds(window)),
                    "CPU-s | ms per command (its turn included)");
            double stack = 0;
            for (Map.Entry<String, Double> entry : cpu.entrySet()) {
                table.row("  " + entry.getKey(), format("%6.2f | %6.2f", entry.getValue(),
                        entry.getValue() * 1000 / Math.max(1, commands)));
                if (!entry.getKey().startsWith("benchmark")) {
                    stack += entry.getValue();
                }
            }
            table.row("Stack CPU per command (services+Kafka+PG)", format("%.2f ms", stack * 1000 / Math.max(1,
                    commands)));
            table.row("Whole run", FigureTable.seconds(total));
            boolean passed = failures.isEmpty() && commands == (long) settings.rounds() * settings.burst();
            table.end(failures, List.of(), 0, "", passed);
            return passed;
        }
    }

    /**
     * @param burst  send frames per burst, {@code bench.burst.sends} (30)
     * @param chats  chats the burst is spread over, round robin, {@code bench.burst.chats} (3)
     * @param rounds measured bursts, {@code bench.burst.rounds} (30)
     * @param warmup bursts before them, not reported, {@code bench.burst.warmup} (10)
     */
    private record Settings(Path projectRoot, int burst, int chats, int rounds, int warmup, boolean keepData,
            Map<String, String> serviceConfig) {

        static Settings fromSystemProperties() {
            Properties p = System.getProperties();
            Settings settings = new Settings(
                    Path.of(p.getProperty("bench.project-root", ".")).toAbsolutePath().normalize(),
                    BenchSettings.intValue(p, "bench.burst.sends", 30),
                    BenchSettings.intValue(p, "bench.burst.chats", 3),
                    BenchSettings.intValue(p, "bench.burst.rounds", 30),
                    BenchSettings.intValue(p, "bench.burst.warmup", 10),
                    Boolean.parseBoolean(p.getProperty("bench.keep-data", "false")),
                    BenchSettings.serviceConfig(p));
            BenchSettings.requirePositive(settings.burst(), "bench.burst.sends");
            BenchSettings.requirePositive(settings.chats(), "bench.burst.chats");
            BenchSettings.requirePositive(settings.rounds(), "bench.burst.rounds");
            return settings;
        }
    }
}
