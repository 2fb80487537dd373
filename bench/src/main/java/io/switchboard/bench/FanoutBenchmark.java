package io.switchboard.bench;

import static io.switchboard.bench.FigureTable.format;
import static io.switchboard.bench.FigureTable.latency;
import static io.switchboard.bench.FigureTable.seconds;
import static io.switchboard.bench.Progress.progress;
import static io.switchboard.bench.RunClock.since;
import static io.switchboard.bench.RunClock.sleep;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.SynchronizedHistogram;

import io.switchboard.launcher.Stack;

/**
 * The gateway's fan-out: many WebSocket connections, each following one of many streaming chats. Measures
 * the frames the clients receive per second, the gateway's own delivery latency (consumed from Kafka to
 * written to the socket, from its histogram), the end-to-end latency (envelope {@code at} to client read)
 * and the gateway's memory per idle connection. Exits 0 when every connection opened, every turn completed
 * and nothing leaked or arrived out of order; 1 when the run found a problem; 2 when it could not run.
 * Settings are {@code bench.fanout.*} system properties (see docs/benchmarks.md); the stack-wide ones
 * ({@code bench.words-per-second}, {@code bench.service.*}, ...) are those of {@link BenchSettings}.
 */
public final class FanoutBenchmark {

    private static final String TENANT = "tenant-fanout";

    private final BenchSettings stackSettings;
    private final int connections;
    private final int chats;
    private final int messages;
    private final int chatsPerConnection;
    private final int connectionsPerUser;
    private final int connectionsPerClient;
    private final int openConcurrency;
    private final Duration timeout;
    private final List<String> failures = new ArrayList<>();
    private final Map<String, String> rows = new LinkedHashMap<>();

    private FanoutBenchmark(Properties p) {
        this.stackSettings = BenchSettings.fromSystemProperties();
        this.connections = BenchSettings.intValue(p, "bench.fanout.connections", 5_000);
        this.chats = BenchSettings.intValue(p, "bench.fanout.chats", 1_000);
        this.messages = BenchSettings.intValue(p, "bench.fanout.messages", 2);
        this.chatsPerConnection = BenchSettings.intValue(p, "bench.fanout.chats-per-connection", 1);
        this.connectionsPerUser = BenchSettings.intValue(p, "bench.fanout.connections-per-user", 10);
        this.connectionsPerClient = BenchSettings.intValue(p, "bench.fanout.connections-per-client", 500);
        this.openConcurrency = BenchSettings.intValue(p, "bench.fanout.open-concurrency", 64);
        this.timeout = Duration.ofSeconds(BenchSettings.intValue(p, "bench.timeout-seconds", 300));
        BenchSettings.requirePositive(connections, "bench.fanout.connections");
        BenchSettings.requirePositive(chats, "bench.fanout.chats");
        BenchSettings.requirePositive(chatsPerConnection, "bench.fanout.chats-per-connection");
        if (chats > (long) connections * chatsPerConnection) {
            throw new IllegalArgumentException("bench.fanout.chats must not exceed connections x chats-per-connection");
        }
    }

    public static void main(String[] args) {
        BenchMain.runAndExit(() -> {
            FanoutBenchmark benchmark = new FanoutBenchmark(System.getProperties());
            benchmark.run();
            return benchmark.print();
        });
    }

    private void run() {
        long started = System.nanoTime();
        row("Load average (1 min) at start", MachineLoad.now());
        progress("starting the stack from %s", stackSettings.projectRoot());
        try (BenchStack bench = BenchStack.start(stackSettings)) {
            row("Stack start (Kafka, PostgreSQL, 4 services)", seconds(since(started)));
            measure(bench.stack());
            progress("stopping the stack");
        }
        row("Total duration", seconds(since(started)));
    }

    private void measure(Stack stack) {
        String creator = stack.token(TENANT, "fanout-owner", Duration.ofHours(2));
        GatewayApi api = new GatewayApi(stack.gatewayUrl(), creator);
        ExecutorService senders = Executors.newFixedThreadPool(8, DaemonThreads.named("fanout-sender"));
        FanoutSocket.Tally tally = new FanoutSocket.Tally();
        List<FanoutSocket> sockets = new ArrayList<>();
        try {
            long phase = System.nanoTime();
            List<ChatDriver> drivers = createChats(api, senders);
            row("Chats created over REST (8 at a time)", format("%,d in %s", drivers.size(), seconds(since(phase))));

            long gatewayPid = gatewayPid();
            GatewayMemory idleBefore = GatewayMemory.read(stack.gatewayManagementUrl(), gatewayPid);
            phase = System.nanoTime();
            int opened = open(stack, drivers, tally, sockets);
            Duration openTime = since(phase);
            sleep(Duration.ofSeconds(2));
            GatewayMemory idleAfter = GatewayMemory.read(stack.gatewayManagementUrl(), gatewayPid);
            row("WebSocket connections opened / asked", format("%,d / %,d in %s (gateway gauge %,.0f)", opened,
                    connections, seconds(openTime), idleAfter.metrics().connections()));
            if (opened < connections) {
                failures.add("only " + opened + " of " + connections + " connections opened");
            }
            if (opened > 0) {
                row("Gateway heap per idle connection (after GC)", format("%.1f KB  (%.1f -> %.1f MB)",
                        (idleAfter.heapBytes() - idleBefore.heapBytes()) / 1024.0 / opened,
                        idleBefore.heapBytes() / 1048576.0, idleAfter.heapBytes() / 1048576.0));
                row("Gateway RSS per idle connection", format("%.1f KB  (%.1f -> %.1f MB)",
                        (idleAfter.rssBytes() - idleBefore.rssBytes()) / 1024.0 / opened,
                        idleBefore.rssBytes() / 1048576.0, idleAfter.rssBytes() / 1048576.0));
            }

            phase = System.nanoTime();
            subscribeAll(sockets);
            GatewayMemory subscribedMemory = GatewayMemory.read(stack.gatewayManagementUrl(), gatewayPid);
            row(format("Subscribed (%d chat(s) per connection)", chatsPerConnection), format("in %s; heap per subscribed connection %.1f KB",
                    seconds(since(phase)), (subscribedMemory.heapBytes() - idleBefore.heapBytes()) / 1024.0
                            / Math.max(1, sockets.size())));
            long settled = awaitWorkspaces(tally, drivers.size());
            row("Workspaces ready before streaming", format("%,d / %,d", settled, drivers.size()));

            stream(stack, api, drivers, sockets, tally, senders);
        } finally {
            progress("closing %,d connections", sockets.size());
            CompletableFuture.allOf(sockets.stream().map(FanoutSocket::close).toArray(CompletableFuture[]::new))
                    .orTimeout(60, TimeUnit.SECONDS).exceptionally(failure -> null).join();
            senders.shutdownNow();
        }
    }

    private List<ChatDriver> createChats(GatewayApi api, ExecutorService executor) {
        String projectId = api.createProject("fan-out benchmark");
        List<CompletableFuture<ChatDriver>> created = new ArrayList<>();
        for (int i = 0; i < chats; i++) {
            int index = i;
            created.add(CompletableFuture.supplyAsync(() -> new ChatDriver(
                    api.createChat(projectId, "fan-out chat " + (index + 1)), index, messages), executor));
        }
        List<ChatDriver> drivers = created.stream().map(CompletableFuture::join).toList();
        progress("%,d chats created", drivers.size());
        return drivers;
    }

    /**
     * Opens the connections a few dozen at a time: connection i follows chats i x k .. i x k + k - 1
     * (k chats per connection, modulo the chat count; a chat's first connection is its primary), belongs to user i / connectionsPerUser (the gateway limits
     * connections per user) and shares a JDK HttpClient, whose selector thread serves all its
     * sockets, with connectionsPerClient others.
     */
    private int open(Stack stack, List<ChatDriver> drivers, FanoutSocket.Tally tally, List<FanoutSocket> sockets) {
        Map<Integer, String> tokens = new HashMap<>();
        List<HttpClient> clients = new ArrayList<>();
        Semaphore inFlight = new Semaphore(openConcurrency);
        List<CompletableFuture<FanoutSocket>> opening = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            if (i % connectionsPerClient == 0) {
                clients.add(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build());
            }
            String token = tokens.computeIfAbsent(i / connectionsPerUser,
                    user -> stack.token(TENANT, "fanout-user-" + user, Duration.ofHours(2)));
            Map<String, ChatDriver> followed = new LinkedHashMap<>();
            Set<String> primaryFor = new HashSet<>();
            for (int slot = 0; slot < chatsPerConnection; slot++) {
                int chatIndex = i * chatsPerConnection + slot;
                ChatDriver chat = drivers.get(chatIndex % drivers.size());
                followed.put(chat.chatId(), chat);
                if (chatIndex < drivers.size()) {
                    primaryFor.add(chat.chatId());
                }
            }
            FanoutSocket socket = new FanoutSocket(TENANT, followed, primaryFor, tally);
            inFlight.acquireUninterruptibly();
            opening.add(socket.open(clients.get(clients.size() - 1), stack.gatewayWebSocketUrl(), token)
                    .whenComplete((ignored, failure) -> inFlight.release()));
            if ((i + 1) % 1000 == 0) {
                progress("%,d connections asked for", i + 1);
            }
        }
        int opened = 0;
        for (CompletableFuture<FanoutSocket> future : opening) {
            try {
                sockets.add(future.join());
                opened++;
            } catch (RuntimeException e) {
                if (tally.firstProblem == null) {
                    tally.problem("connection failed: " + e.getCause());
                }
            }
        }
        progress("%,d connections open", opened);
        return opened;
    }

    private void subscribeAll(List<FanoutSocket> sockets) {
        List<CompletableFuture<Void>> confirmations = new ArrayList<>();
        for (FanoutSocket socket : sockets) {
            confirmations.add(socket.subscribe());
        }
        try {
            CompletableFuture.allOf(confirmations.toArray(CompletableFuture[]::new))
                    .get(timeout.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            long done = confirmations.stream().filter(f -> f.isDone() && !f.isCompletedExceptionally()).count();
            failures.add("only " + done + " of " + sockets.size() + " subscriptions confirmed: " + e);
        }
        progress("%,d subscriptions confirmed", sockets.size());
    }

    private long awaitWorkspaces(FanoutSocket.Tally tally, int expected) {
        long deadline = System.nanoTime() + stackSettings.workspaceTimeout().toNanos();
        while (System.nanoTime() < deadline && tally.workspacesSettled.get() < expected) {
            sleep(Duration.ofMillis(200));
        }
        return tally.workspacesSettled.get();
    }

    private void stream(Stack stack, GatewayApi api, List<ChatDriver> drivers, List<FanoutSocket> sockets,
            FanoutSocket.Tally tally, ExecutorService senders) {
        String loadBefore = MachineLoad.now();
        GatewayMetrics before = GatewayMetrics.scrape(stack.gatewayManagementUrl());
        sockets.forEach(socket -> socket.measure(true));
        SynchronizedHistogram accepted = Latency.newSynchronizedHistogram();
        progress("streaming: %,d chats x %d messages to %,d connections", drivers.size(), messages, sockets.size());
        long started = System.nanoTime();
        long[] peak = new long[2];
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(
                DaemonThreads.named("fanout-rate"));
        sampler.scheduleAtFixedRate(() -> {
            long frames = tally.frames.get();
            peak[1] = Math.max(peak[1], frames - peak[0]);
            peak[0] = frames;
        }, 1, 1, TimeUnit.SECONDS);
        try {
            CompletableFuture.allOf(drivers.stream().map(driver -> driver.run(api, senders, accepted))
                    .toArray(CompletableFuture[]::new)).get(timeout.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            failures.add("not every turn ended within " + timeout.toSeconds() + " s: " + e);
        }
        Duration period = since(started);
        sampler.shutdownNow();
        // Lets the other subscribers of the last chats receive their copies of the final events.
        sleep(Duration.ofSeconds(2));
        sockets.forEach(socket -> socket.measure(false));
        GatewayMetrics after = GatewayMetrics.scrape(stack.gatewayManagementUrl());
        String loadAfter = MachineLoad.now();

        int completed = drivers.stream().mapToInt(ChatDriver::turnsCompleted).sum();
        int failed = drivers.stream().mapToInt(ChatDriver::turnsEnded).sum() - completed;
        if (completed < drivers.size() * messages) {
            failures.add((drivers.size() * messages - completed) + " turns did not complete");
        }
        double secs = period.toNanos() / 1e9;
        long frames = tally.frames.get();
        row("Streaming period (first send -> last turn end)", seconds(period));
        row("Turns completed / expected (failed)", format("%,d / %,d (%d)", completed, drivers.size() * messages,
                failed));
        row("Event frames received by all clients", format("%,d  (%,.0f events/s)", frames, frames / secs));
        row("  busiest second", format("%,d events", peak[1]));
        row("  gateway's delivered counter over the period", format("%,.0f  (%,.0f events/s)",
                after.delivered() - before.delivered(), (after.delivered() - before.delivered()) / secs));
        row("Gateway delivery latency, consumed -> written", format("p50 <= %s  p99 <= %s  (n=%,d, bucket bounds)",
                bucketMillis(after.latencyQuantileSince(before, 0.50)),
                bucketMillis(after.latencyQuantileSince(before, 0.99)), after.latencyCountSince(before)));
        row("End to end, envelope 'at' -> client (TextDelta)", latency(Latency.of(tally.endToEnd)));
        row("Message POST -> 202 Accepted", latency(Latency.of(accepted)));
        row("Cross-chat leaks", String.valueOf(tally.leaks.get()));
        row("Order violations", String.valueOf(tally.orderViolations.get()));
        row("Resync frames / error frames or closes", tally.resyncs.get() + " / " + tally.errors.get());
        row("Load average (1 min) as streaming began / after", loadBefore + " / " + loadAfter);
        if (tally.leaks.get() > 0 || tally.orderViolations.get() > 0 || tally.resyncs.get() > 0
                || tally.errors.get() > 0) {
            failures.add("leaks, order violations, resyncs or errors; first: " + tally.firstProblem);
        }
        if (tally.firstProblem != null) {
            progress("first problem seen: %s", tally.firstProblem);
        }
    }

    /** Only the rows take the other tables' layout: title and frame stay as earlier fan-out runs printed them. */
    private boolean print() {
        FigureTable table = new FigureTable(System.out);
        System.out.printf(Locale.ROOT, "Switchboard fan-out benchmark: %,d WebSocket connections, %,d chats x %d "
                + "messages, %d chat(s) per connection; offline model %d words/s, %d reply words%n", connections, chats,
                messages, chatsPerConnection, stackSettings.wordsPerSecond(), stackSettings.replyWords());
        table.rule();
        rows.forEach(table::row);
        table.rule();
        failures.forEach(failure -> System.out.println("FAILURE: " + failure));
        table.row("RESULT", failures.isEmpty() ? "PASS" : "FAIL");
        return failures.isEmpty();
    }

    /** The gateway child process of this JVM, for jcmd and /proc. */
    private static long gatewayPid() {
        return ProcessHandle.current().descendants()
                .filter(process -> process.info().commandLine().orElse("").contains("gateway/target/quarkus-app"))
                .mapToLong(ProcessHandle::pid).findFirst()
                .orElseThrow(() -> new IllegalStateException("the gateway process was not found"));
    }

    /** The gateway's heap after a full GC (jcmd GC.run, then its metrics) and its resident set size. */
    private record GatewayMemory(GatewayMetrics metrics, double heapBytes, double rssBytes) {

        static GatewayMemory read(String managementUrl, long pid) {
            try {
                Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
                Process gc = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "GC.run")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!gc.waitFor(60, TimeUnit.SECONDS)) {
                    gc.destroy();
                }
                GatewayMetrics metrics = GatewayMetrics.scrape(managementUrl);
                double rss = 0;
                for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        rss = Double.parseDouble(line.replaceAll("[^0-9]", "")) * 1024;
                    }
                }
                return new GatewayMemory(metrics, metrics.heapUsedBytes(), rss);
            } catch (IOException e) {
                throw new IllegalStateException("The gateway's memory could not be read", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted", e);
            }
        }
    }

    private void row(String label, String value) {
        rows.put(label, value);
    }

    private static String bucketMillis(double seconds) {
        return Double.isNaN(seconds) ? "n/a" : Double.isInfinite(seconds) ? "+Inf" : format("%.1f ms", seconds * 1000);
    }
}
