package io.switchboard.bench;

import static io.switchboard.bench.Progress.progress;
import static io.switchboard.bench.RunClock.seconds;
import static io.switchboard.bench.RunClock.since;
import static io.switchboard.bench.RunClock.sleep;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import io.switchboard.launcher.ServiceName;
import io.switchboard.launcher.ServiceProcess;
import io.switchboard.launcher.Stack;

/**
 * Whether one gateway's CPU and heap stay flat as the number of chats followed only through other gateways grows
 * (docs/scaling.md, "A gateway works only for the chats its clients follow"), and what each record of such a chat
 * costs it. Two gateways run in one stack: A, the stack's own, with {@code switchboard.gateway.follow-only=true},
 * and B, started next to it, with {@code false} (every record of every chat parsed and retained, as before). Both
 * read the same records, so the A/B needs one run.
 * <p>
 * Each gateway has its own load: {@code bench.follow.own-chats} chats created through it, each followed by one
 * WebSocket subscriber on it and sent a message at a fixed interval. The foreign load is TextDeltas written straight
 * to chat.events for N chats no socket follows, at the same total rate in every stage while N grows (stages
 * {@code bench.follow.foreign-chats}, 0 first, and a closing N=0 stage as the baseline once the code is compiled).
 * Per stage and gateway it prints the CPU time over the window (/proc), the CPU per foreign record above the
 * baseline, the heap after a forced full collection, the
 * replay retention gauge, the records passed over, and the own chats' turn and delivery latencies. The design's
 * target (at most 2 µs per dropped record) is printed beside the figures, not asserted: the run passes when every
 * own turn completed, the producer lost nothing and both gateways lived. Settings are in docs/benchmarks.md.
 */
public final class GatewayFollowBenchmark {

    static final String FOLLOW_ONLY = "switchboard.gateway.follow-only";
    /** Chats of the warm-up's foreign records, apart from every stage's, so no stage starts with known chats. */
    static final int WARMUP_CHATS = 100;
    /** A stage whose producer fell this far behind its rate measured something else. */
    private static final double MIN_RATE_SHARE = 0.9;

    private final FollowSettings settings;
    private final long ticksPerSecond = ProcessCpu.ticksPerSecond();
    private final List<String> failures = new ArrayList<>();

    private GatewayFollowBenchmark(FollowSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        BenchMain.runAndExit(() -> new GatewayFollowBenchmark(FollowSettings.fromSystemProperties()).run());
    }

    private boolean run() {
        StackRun.Measured<FollowReport> run = StackRun.run(settings.projectRoot(),
                () -> BenchStack.start(settings.projectRoot(), settings.stackConfig(), settings.keepData()),
                this::measure);
        return run.result().print(run.total());
    }

    private FollowReport measure(Stack stack, Duration stackStart, String loadAtStart) {
        boolean set = settings.setFollowOnly();
        progress("starting gateway B next to the stack's (%s)", set ? FOLLOW_ONLY + "=false" : "default settings");
        long starting = System.nanoTime();
        ServiceProcess second = stack.startExtra(ServiceName.GATEWAY, set ? Map.of(FOLLOW_ONLY, "false") : Map.of());
        Duration gatewayStart = since(starting);
        List<FollowedGateway> gateways = List.of(
                FollowedGateway.of(set ? "A follow-only" : "A default", stack.service(ServiceName.GATEWAY),
                        settings.projectRoot()),
                FollowedGateway.of(set ? "B reads all" : "B default", second, settings.projectRoot()));
        ProcessCpu others = others(stack);
        ScheduledExecutorService senders = Executors.newSingleThreadScheduledExecutor(
                DaemonThreads.named("follow-sender"));
        List<OwnChats> own = new ArrayList<>();
        List<FollowReport.Stage> stages = new ArrayList<>();
        int maxChats = settings.maxForeignChats();
        try (ForeignLoad foreign = new ForeignLoad(stack.infra().bootstrapServers(), settings.rate(),
                maxChats + WARMUP_CHATS)) {
            for (FollowedGateway gateway : gateways) {
                String users = "follow-" + gateway.label().charAt(0) + "-user-";
                own.add(OwnChats.open(stack, gateway, settings.ownChats(), users));
            }
            for (int g = 0; g < own.size(); g++) {
                own.get(g).start(senders, settings.messageInterval(), g / (double) own.size());
            }
            progress("warm-up %d s: own load, and %,d foreign records/s over %d chats of its own",
                    settings.warmup().toSeconds(), settings.rate(), WARMUP_CHATS);
            foreign.aim(maxChats, WARMUP_CHATS);
            sleep(settings.warmup());
            for (int chats : settings.stages()) {
                stages.add(stage(chats, foreign, gateways, own, others));
            }
            foreign.aim(0, 0);
            if (foreign.failed() > 0) {
                failures.add(foreign.failed() + " foreign records were not taken by the broker; first: "
                        + foreign.firstFailure());
            }
        } finally {
            senders.shutdownNow();
            own.forEach(OwnChats::close);
        }
        own.forEach(chats -> {
            if (chats.failures() > 0) {
                failures.add(chats.failures() + " own-chat problems; first: " + chats.problems());
            }
        });
        return new FollowReport(settings, stackStart, gatewayStart, loadAtStart, List.copyOf(stages),
                List.copyOf(failures));
    }

    /** The rest of the stack, for context: a noisy neighbour on two cores shows here. */
    private ProcessCpu others(Stack stack) {
        ProcessCpu cpu = new ProcessCpu();
        cpu.process("Kafka broker", stack.infra().kafka().pid());
        for (ServiceName name : List.of(ServiceName.SESSION, ServiceName.CHAT)) {
            OptionalLong pid = ServicePids.of(settings.projectRoot(), name);
            if (pid.isPresent()) {
                cpu.process(name.module(), pid.getAsLong());
            } else {
                failures.add("the " + name.module() + " process was not found, so its CPU time is missing");
            }
        }
        cpu.process("benchmark JVM", ProcessHandle.current().pid());
        return cpu;
    }

    /**
     * One stage: the foreign records go to {@code chats} chats from now on; after the settling time the window is
     * measured, and after it each gateway's heap is read after a full collection, outside the window's CPU.
     */
    private FollowReport.Stage stage(int chats, ForeignLoad foreign, List<FollowedGateway> gateways,
            List<OwnChats> own, ProcessCpu others) {
        progress("stage N=%,d foreign chats at %,d records/s: %d s settling, %d s measured", chats,
                chats == 0 ? 0 : settings.rate(), settings.settle().toSeconds(), settings.window().toSeconds());
        foreign.aim(0, chats);
        sleep(settings.settle());

        // Scrapes before the CPU reading and after it, so that serving them is not counted in the window.
        List<MetricsPage> pagesBefore = gateways.stream().map(FollowedGateway::metrics).toList();
        List<GatewayMetrics> latenciesBefore = gateways.stream().map(FollowedGateway::latencies).toList();
        own.forEach(OwnChats::startWindow);
        Map<String, Double> othersBefore = others.seconds();
        double[] cpuBefore = cpu(gateways);
        long sentBefore = foreign.sent();
        long started = System.nanoTime();
        sleep(settings.window());
        double[] cpuAfter = cpu(gateways);
        Duration window = since(started);
        own.forEach(OwnChats::endWindow);
        long records = foreign.sent() - sentBefore;
        Map<String, Double> othersSpent = difference(othersBefore, others.seconds());
        List<MetricsPage> pagesAfter = gateways.stream().map(FollowedGateway::metrics).toList();
        List<GatewayMetrics> latenciesAfter = gateways.stream().map(FollowedGateway::latencies).toList();
        String load = MachineLoad.now();
        List<MetricsPage> collected = gateways.stream().map(FollowedGateway::metricsAfterGc).toList();
        // After the collections, which took a moment: the window's last turns have ended meanwhile.
        List<OwnChats.Figures> ownFigures = own.stream().map(OwnChats::figures).toList();

        List<FollowReport.GatewayStage> figures = new ArrayList<>();
        for (int g = 0; g < gateways.size(); g++) {
            figures.add(figures(gateways.get(g), chats,
                    new Reading(cpuBefore[g], pagesBefore.get(g), latenciesBefore.get(g)),
                    new Reading(cpuAfter[g], pagesAfter.get(g), latenciesAfter.get(g)),
                    collected.get(g), ownFigures.get(g)));
        }
        long expected = Math.round(settings.rate() * (window.toNanos() / 1e9));
        if (chats > 0 && records < expected * MIN_RATE_SHARE) {
            failures.add(String.format("N=%,d: only %,d foreign records produced in the window, %,d asked", chats,
                    records, expected));
        }
        figures.forEach(gateway -> progress("  %s: %.2f CPU-s in %.1f s, heap after GC %.1f MB, retained %.1f MB,"
                + " passed over %s, own turns %d / %d", gateway.gateway(), gateway.cpuSeconds(), seconds(window),
                gateway.heapBytes() / 1048576.0, gateway.retainedBytes() / 1048576.0,
                Double.isNaN(gateway.dropped()) ? "n/a" : String.format("%,.0f", gateway.dropped()),
                gateway.own().completed(), gateway.own().sent()));
        return new FollowReport.Stage(chats, records, window, List.copyOf(figures), othersSpent, load);
    }

    /** What one gateway showed at one end of a window: its CPU time so far and its meters. */
    private record Reading(double cpuSeconds, MetricsPage page, GatewayMetrics latencies) {
    }

    /** One gateway's figures for the window between the two readings; {@code collected} was read after a GC. */
    private FollowReport.GatewayStage figures(FollowedGateway gateway, int chats, Reading before, Reading after,
            MetricsPage collected, OwnChats.Figures own) {
        boolean gone = before.cpuSeconds() < 0 || after.cpuSeconds() < 0;
        if (gone) {
            failures.add(gateway.label() + " was gone at N=" + chats);
        }
        if (collected.samples().isEmpty()) {
            failures.add(gateway.label() + " gave no heap figure after the window of N=" + chats + " (jcmd GC.run or"
                    + " its metrics failed)");
        }
        Map<String, Double> refusedBefore = FollowedGateway.refused(before.page());
        Map<String, Long> refused = new TreeMap<>();
        FollowedGateway.refused(after.page()).forEach((reason, count) -> {
            long more = Math.round(count - refusedBefore.getOrDefault(reason, 0.0));
            if (more > 0) {
                refused.put(reason, more);
            }
        });
        if (!refused.isEmpty()) {
            failures.add(String.format("%s refused or dead-lettered records at N=%,d, by reason %s (its log says why)",
                    gateway.label(), chats, refused));
        }
        return new FollowReport.GatewayStage(gateway.label(),
                gone ? Double.NaN : after.cpuSeconds() - before.cpuSeconds(),
                collected.samples().isEmpty() ? Double.NaN : collected.heapUsedBytes(),
                FollowedGateway.meter(collected, FollowedGateway.RETAINED),
                FollowedGateway.meter(after.page(), FollowedGateway.PASSED_OVER)
                        - FollowedGateway.meter(before.page(), FollowedGateway.PASSED_OVER),
                chatLagMax(after.page()),
                after.latencies().latencyQuantileSince(before.latencies(), 0.50),
                after.latencies().latencyQuantileSince(before.latencies(), 0.99),
                after.latencies().latencyCountSince(before.latencies()), own);
    }

    private double[] cpu(List<FollowedGateway> gateways) {
        return gateways.stream().mapToDouble(gateway -> gateway.cpuSeconds(ticksPerSecond)).toArray();
    }

    /** How far behind the records' creation the gateway's chat.events consumer was at worst, lately. */
    private static double chatLagMax(MetricsPage page) {
        List<MetricsPage.Sample> lag = page.named(FollowedGateway.CONSUME_LAG_MAX::equals).stream()
                .filter(sample -> sample.label("stream").equals("chat")).toList();
        return lag.isEmpty() ? Double.NaN : lag.stream().mapToDouble(MetricsPage.Sample::value).max().orElse(0);
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
}
