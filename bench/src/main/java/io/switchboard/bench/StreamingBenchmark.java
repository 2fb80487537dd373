package io.switchboard.bench;

import static io.switchboard.bench.Progress.progress;
import static io.switchboard.bench.RunClock.seconds;
import static io.switchboard.bench.RunClock.since;
import static io.switchboard.bench.RunClock.sleep;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.HdrHistogram.SynchronizedHistogram;

import io.switchboard.launcher.Stack;

/**
 * Many chats streaming at once through the whole product: starts the stack, has every chat send its
 * messages over the gateway while WebSocket clients follow them, judges what the clients receive,
 * then measures the raw Kafka floor on the same broker and prints one summary table.
 *
 * <p>Exits 0 only when every turn completed and no event leaked across chats, arrived out of order or
 * was announced missing; 1 when the run found such a problem; 2 when it could not run. Settings: see
 * {@link BenchSettings}; the command is in docs/benchmarks.md.
 */
public final class StreamingBenchmark {

    private static final String TENANT = "tenant-bench";
    /** Lets events still in flight after the last turn end arrive, so a late leak or duplicate is counted too. */
    private static final Duration GRACE = Duration.ofSeconds(1);
    private static final Duration PING_INTERVAL = Duration.ofMillis(200);

    private final BenchSettings settings;
    private final List<String> failures = new ArrayList<>();

    private StreamingBenchmark(BenchSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        BenchMain.runAndExit(() -> {
            BenchReport report = new StreamingBenchmark(BenchSettings.fromSystemProperties()).run();
            SummaryTable.print(report, System.out);
            return report.passed();
        });
    }

    private BenchReport run() {
        StackRun.Measured<BenchReport> run = StackRun.run(settings.projectRoot(), () -> BenchStack.start(settings),
                this::measure);
        return run.result().finished(run.total(), failures);
    }

    private BenchReport measure(Stack stack, Duration stackStart, String loadAtStart) {
        String token = stack.token(TENANT, "bench-user", Duration.ofHours(1));
        GatewayApi api = new GatewayApi(stack.gatewayUrl(), token);
        ExecutorService senders = Executors.newFixedThreadPool(4, DaemonThreads.named("bench-sender"));
        List<BenchSocket> sockets = new ArrayList<>();
        try {
            long setupStarted = System.nanoTime();
            List<ChatDriver> drivers = createChats(api, senders);
            progress("%d chats created in %.1f s", drivers.size(), seconds(since(setupStarted)));
            sockets.addAll(connect(stack, token, drivers));
            sockets.forEach(BenchSocket::subscribeAll);
            progress("subscribed over %d connections after %.1f s", sockets.size(), seconds(since(setupStarted)));
            int workspaces = awaitWorkspaces(sockets);
            Duration setup = since(setupStarted);
            progress("workspaces ready %d/%d after %.1f s; streaming %d messages per chat", workspaces, drivers.size(),
                    seconds(setup), settings.messagesPerChat());

            StreamingRun streaming = stream(stack, api, drivers, sockets, senders);
            GatewayLag.print(stack.gatewayManagementUrl());
            KafkaFloor.FloorResult floor = measureFloor(stack);
            return new BenchReport(settings, stackStart, setup, workspaces, streaming, floor, loadAtStart,
                    Duration.ZERO, List.of());
        } finally {
            sockets.forEach(BenchSocket::close);
            senders.shutdownNow();
        }
    }

    /** Creates the chats a few at a time, as several users would, keeping their order for the report. */
    private List<ChatDriver> createChats(GatewayApi api, ExecutorService executor) {
        String projectId = api.createProject("benchmark");
        List<CompletableFuture<ChatDriver>> created = new ArrayList<>();
        for (int i = 0; i < settings.chats(); i++) {
            int index = i;
            created.add(CompletableFuture.supplyAsync(() -> new ChatDriver(
                    api.createChat(projectId, "bench chat " + (index + 1)), index, settings.messagesPerChat()),
                    executor));
        }
        return created.stream().map(CompletableFuture::join).toList();
    }

    /** Deals the chats round-robin over the connections, each of which follows only its own. */
    private List<BenchSocket> connect(Stack stack, String token, List<ChatDriver> drivers) {
        int connections = settings.connections();
        List<Map<String, ChatDriver>> groups = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            groups.add(new LinkedHashMap<>());
        }
        for (int i = 0; i < drivers.size(); i++) {
            groups.get(i % connections).put(drivers.get(i).chatId(), drivers.get(i));
        }
        List<BenchSocket> sockets = new ArrayList<>();
        for (Map<String, ChatDriver> group : groups) {
            // A client of its own per connection, as separate browsers would be: no shared selector thread.
            HttpClient http = HttpClient.newHttpClient();
            sockets.add(BenchSocket.connect(http, stack.gatewayWebSocketUrl(), token,
                    new DeliveryCheck(TENANT, group)));
        }
        return sockets;
    }

    /**
     * Waits until every chat's workspace is ready, so git checkouts do not compete with the streaming
     * being measured; after the timeout streaming starts anyway and the table tells how many were ready.
     */
    private int awaitWorkspaces(List<BenchSocket> sockets) {
        long deadline = System.nanoTime() + settings.workspaceTimeout().toNanos();
        int settled = 0;
        while (System.nanoTime() < deadline) {
            settled = sockets.stream().mapToInt(socket -> socket.check().settledWorkspaces()).sum();
            if (settled >= settings.chats()) {
                break;
            }
            sleep(Duration.ofMillis(100));
        }
        return settled;
    }

    private StreamingRun stream(Stack stack, GatewayApi api, List<ChatDriver> drivers, List<BenchSocket> sockets,
            ExecutorService senders) {
        String loadBefore = MachineLoad.now();
        ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor(
                DaemonThreads.named("bench-pinger"));
        SynchronizedHistogram accepted = Latency.newSynchronizedHistogram();
        ChatEventsTap.Split split;
        long started;
        long waitEnded;
        try (ChatEventsTap tap = ChatEventsTap.start(stack.infra().bootstrapServers(),
                stack.infra().settings().partitions())) {
            started = System.nanoTime();
            ScheduledFuture<?> pings = pinger.scheduleAtFixedRate(() -> sockets.forEach(BenchSocket::ping),
                    0, PING_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            awaitConversations(drivers.stream().map(driver -> driver.run(api, senders, accepted)).toList());
            waitEnded = System.nanoTime();
            pings.cancel(false);
            sleep(GRACE);
            split = tap.stop();
        } finally {
            pinger.shutdownNow();
        }
        Deliveries deliveries = Deliveries.sum(sockets.stream().map(socket -> socket.check().deliveries()).toList());
        long ended = deliveries.lastTurnEndNanos() == Long.MIN_VALUE ? waitEnded : deliveries.lastTurnEndNanos();
        int completed = drivers.stream().mapToInt(ChatDriver::turnsCompleted).sum();
        int failed = drivers.stream().mapToInt(ChatDriver::turnsEnded).sum() - completed;
        checkUnexpectedTurns(drivers);
        StreamingRun run = new StreamingRun(Duration.ofNanos(ended - started), completed, failed, deliveries, split,
                Latency.of(accepted), loadBefore, MachineLoad.now());
        progress("streaming done in %.1f s: %d/%d turns completed, %d failed, %,d chat events delivered",
                seconds(run.period()), completed, settings.expectedTurns(), failed, deliveries.chatEvents());
        return run;
    }

    private void awaitConversations(List<CompletableFuture<Void>> conversations) {
        try {
            CompletableFuture.allOf(conversations.toArray(CompletableFuture[]::new))
                    .get(settings.streamingTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            failures.add("not every turn ended within " + settings.streamingTimeout().toSeconds() + " s");
        } catch (ExecutionException | CompletionException e) {
            failures.add("a conversation failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while streaming", e);
        }
    }

    private void checkUnexpectedTurns(List<ChatDriver> drivers) {
        int unexpected = drivers.stream().mapToInt(ChatDriver::unexpectedTurnEnds).sum();
        if (unexpected > 0) {
            failures.add(unexpected + " turn ends arrived beyond the messages sent");
        }
    }

    private KafkaFloor.FloorResult measureFloor(Stack stack) {
        progress("measuring the raw Kafka floor: %,d records at %,d/s", settings.floorRecords(),
                settings.floorRatePerSecond());
        KafkaFloor.FloorResult floor = new KafkaFloor(stack.infra().bootstrapServers(),
                stack.infra().settings().partitions())
                .measure(settings.floorWarmup(), settings.floorRecords(), settings.floorRecordBytes(),
                        settings.floorRatePerSecond(), settings.chats());
        if (floor.received() < floor.expected()) {
            failures.add("the Kafka floor received " + floor.received() + " of " + floor.expected() + " records");
        }
        return floor;
    }
}
