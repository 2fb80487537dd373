package io.switchboard.bench;

import static io.switchboard.bench.Progress.progress;
import static io.switchboard.bench.RunClock.seconds;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.switchboard.events.Topics;
import io.switchboard.launcher.ServiceName;
import io.switchboard.launcher.Stack;

/**
 * No input may stop a consumer, a partition or another tenant. Starts the stack, sends bad input every way
 * a client or a producer can (REST through the gateway, frames over the WebSocket, records straight onto the
 * four chat-scoped topics), then checks in another tenant that every consumer of every topic still reads,
 * counts what was dead-lettered, and floods 100 chats with 32,000-char messages to read the gateway's memory
 * afterwards. Prints one table, with the CPU seconds each process spent.
 *
 * <p>Exits 0 only when no bad input got a 5xx (or an {@code internal_error} frame or 1011 close), none was
 * accepted and no consumer halted; 1 when one did; 2 when it could not run. Settings: see
 * {@link PoisonSettings}; the command and a run's figures are in docs/reliability.md.
 */
public final class PoisonBenchmark {

    private static final String TENANT = "tenant-poison";
    private static final String USER = "poison-user";
    private static final Duration DEAD_LETTER_QUIET = Duration.ofSeconds(2);
    private static final Duration DEAD_LETTER_TIMEOUT = Duration.ofSeconds(30);

    private final PoisonSettings settings;
    private final List<String> failures = new ArrayList<>();

    private PoisonBenchmark(PoisonSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        BenchMain.runAndExit(() -> {
            PoisonReport report = new PoisonBenchmark(PoisonSettings.fromSystemProperties()).run();
            PoisonTable.print(report, System.out);
            return report.passed();
        });
    }

    private PoisonReport run() {
        StackRun.Measured<PoisonReport> run = StackRun.run(settings.projectRoot(),
                () -> BenchStack.start(settings.projectRoot(), settings.stackConfig(), settings.keepData()),
                this::measure);
        return run.result().finished(run.total(), failures);
    }

    private PoisonReport measure(Stack stack, Duration stackStart, String loadAtStart) {
        ProcessCpu cpu = StackCpu.of(stack, settings.projectRoot(), failures);
        Map<String, Double> cpuStart = cpu.seconds();
        String bootstrap = stack.infra().bootstrapServers();
        ChatPartitions partitions = new ChatPartitions(stack.infra().settings().partitions());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

        String token = stack.token(TENANT, USER, Duration.ofHours(1));
        GatewayApi api = new GatewayApi(stack.gatewayUrl(), token);
        String projectId = api.createProject("poison corpus");
        String chatId = api.createChat(projectId, "poison corpus");
        String turnId = UUID.randomUUID().toString();

        RestPoisoning.Result rest = RestPoisoning.run(stack.gatewayUrl(), token, projectId, chatId, turnId);
        progress("REST corpus done in %.1f s", seconds(rest.took()));
        if (rest.controlsAccepted() < rest.controls()) {
            failures.add("valid control requests not accepted, so the REST corpus proves nothing for their routes: "
                    + rest.controlFailures());
        }
        SocketPoisoning.Result socket = SocketPoisoning.run(http, stack.gatewayWebSocketUrl(), token, chatId, turnId);
        progress("WebSocket corpus done in %.1f s", seconds(socket.took()));
        if (!socket.acceptedAfter() || !socket.acceptedReconnect()) {
            failures.add("a valid send was not accepted after the WebSocket corpus");
        }

        List<LivenessCheck> checks = new ArrayList<>();
        KafkaPoisoning.Result kafka;
        GatewayFlood.Result flood;
        try (RawRecords records = new RawRecords(bootstrap)) {
            kafka = settings.kafkaCorpus()
                    ? KafkaPoisoning.run(records, partitions, TENANT, Topics.CHAT_SCOPED.size())
                    : KafkaPoisoning.skipped(Topics.CHAT_SCOPED.size(), partitions.count());
            if (!kafka.problems().isEmpty()) {
                failures.add(kafka.problems().size() + " poison records not stored where meant");
            }
            try (Watches watches = Watches.start(bootstrap, partitions.count())) {
                checks.addAll(Liveness.run(stack, http, records, watches, partitions, settings.livenessTimeout()));
                progress("liveness: %d/%d checks passed", checks.stream().filter(LivenessCheck::passed).count(),
                        checks.size());
                flood = GatewayFlood.run(stack, http, settings, partitions, watches);
            }
        }
        checks.addAll(flood.partitionChecks());
        progress("flood done in %.1f s: %d/%d turns completed", seconds(flood.took()), flood.turnsCompleted(),
                flood.expectedTurns());
        for (ServiceName name : ServiceName.values()) {
            boolean alive = stack.service(name).isAlive();
            checks.add(LivenessCheck.of(name.module() + " process", "still running at the end", alive,
                    alive ? "running" : "exited; see " + stack.service(name).log()));
        }

        DeadLetterCount.awaitQuiet(bootstrap, partitions.count(), DEAD_LETTER_QUIET, DEAD_LETTER_TIMEOUT);
        DeadLetterCount deadLetters = DeadLetterCount.read(bootstrap, partitions.count(), DEAD_LETTER_TIMEOUT);
        Map<String, PoisonReport.ServiceMeters> services = serviceMeters(stack);
        Map<String, Double> cpuEnd = cpu.seconds();
        return new PoisonReport(settings, stackStart, loadAtStart, rest, socket, kafka, List.copyOf(checks), flood,
                deadLetters, services, cpuStart, cpuEnd, MachineLoad.now(), Duration.ZERO, List.of());
    }


    private Map<String, PoisonReport.ServiceMeters> serviceMeters(Stack stack) {
        Map<String, PoisonReport.ServiceMeters> meters = new LinkedHashMap<>();
        for (ServiceName name : ServiceName.values()) {
            try {
                MetricsPage page = MetricsPage.scrape(stack.service(name).managementUrl());
                meters.put(name.module(), new PoisonReport.ServiceMeters(
                        page.sumBy("switchboard_consumer_dead_lettered_total", "topic"),
                        page.sum("switchboard_events_rejected_total"),
                        page.sum("switchboard_consumer_dead_letters_lost_total")));
            } catch (RuntimeException e) {
                failures.add("the metrics of " + name.module() + " could not be read: " + e.getMessage());
            }
        }
        return meters;
    }
}
