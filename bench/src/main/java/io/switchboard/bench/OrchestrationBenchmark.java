package io.switchboard.bench;

import static io.switchboard.bench.Progress.progress;
import static io.switchboard.bench.RunClock.seconds;
import static io.switchboard.bench.RunClock.sleep;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.switchboard.launcher.Stack;

/**
 * chat-service's orchestration under load, without the gateway in the way: starts the stack, drives many
 * chats at once by producing their commands straight to chat.commands (chat-service needs no chat to exist
 * in session-service), and reads chat.events with one plain consumer of every partition, which judges each
 * event ({@link EventAudit}) and times each turn's start. Then a head-of-line phase: one chat's turn stalls
 * while fast chats on its partition and on the others run, and is stopped at the end.
 *
 * <p>Exits 0 only when no event leaked or came out of order and every turn completed (the stalled one
 * ended by StopTurn); 1 when the run found such a problem; 2 when it could not run. Settings: see
 * {@link OrchestrationSettings}; the command is in docs/benchmarks.md.
 */
public final class OrchestrationBenchmark {

    private static final String USER = "bench-user";
    private static final String HEAD_OF_LINE_TENANT = "tenant-bench-hol";
    /** Lets events still in flight after the last turn end arrive, so a late leak or duplicate is counted too. */
    private static final Duration GRACE = Duration.ofSeconds(2);
    private static final Duration STALL_START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final OrchestrationSettings settings;
    private final List<String> failures = new ArrayList<>();

    private OrchestrationBenchmark(OrchestrationSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        BenchMain.runAndExit(() -> {
            OrchestrationReport report = new OrchestrationBenchmark(OrchestrationSettings.fromSystemProperties()).run();
            OrchestrationTable.print(report, System.out);
            return report.passed();
        });
    }

    private OrchestrationReport run() {
        StackRun.Measured<OrchestrationReport> run = StackRun.run(settings.projectRoot(),
                () -> BenchStack.start(settings.projectRoot(), settings.stackConfig(), settings.keepData()),
                this::measure);
        return run.result().finished(run.total(), failures);
    }

    private OrchestrationReport measure(Stack stack, Duration stackStart, String loadAtStart) {
        String bootstrap = stack.infra().bootstrapServers();
        ChatPartitions partitions = new ChatPartitions(stack.infra().settings().partitions());
        EventAudit audit = new EventAudit();
        try (ChatEventsFeed feed = ChatEventsFeed.start(bootstrap, partitions.count(), audit);
                KafkaCommandChannel commands = new KafkaCommandChannel(bootstrap, partitions)) {
            OrchestrationReport.StreamingPhase streaming = stream(partitions, audit, commands);
            OrchestrationReport.HeadOfLinePhase headOfLine = headOfLine(partitions, audit, commands);
            commands.flush();
            sleep(GRACE);
            if (feed.failure() != null) {
                failures.add("reading chat.events stopped early: " + feed.failure());
            }
            return new OrchestrationReport(settings, partitions.count(), stackStart, streaming, headOfLine,
                    audit.counts(), new OrchestrationReport.CommandCounts(commands.sent(), commands.problems(),
                            commands.samples()),
                    loadAtStart, Duration.ZERO, List.of());
        }
    }

    // ---- streaming phase -------------------------------------------------------------------------------

    private OrchestrationReport.StreamingPhase stream(ChatPartitions partitions, EventAudit audit,
            CommandChannel commands) {
        GroupFigures figures = new GroupFigures(ChatGroup.STREAMING);
        List<OrchestratedChat> chats = new ArrayList<>();
        for (int i = 0; i < settings.chats(); i++) {
            String chatId = UUID.randomUUID().toString();
            String tenant = "tenant-bench-" + (i % settings.tenants() + 1);
            OrchestratedChat chat = new OrchestratedChat(chatId, tenant, USER + "-" + (i + 1), partitions.of(chatId),
                    streamingMessages(i + 1), figures, commands);
            audit.register(chat);
            chats.add(chat);
        }
        String loadBefore = MachineLoad.now();
        progress("streaming: %d chats x %d messages, load average %s", chats.size(), settings.messagesPerChat(),
                loadBefore);
        long started = System.nanoTime();
        chats.forEach(OrchestratedChat::start);
        awaitAll(chats, settings.streamingTimeout(), "streaming");
        GroupFigures.Result result = figures.result();
        Duration period = periodUntilLastEnd(started, result);
        progress("streaming done in %.1f s: %d/%d turns completed, %d failed or cancelled, %,d chat events",
                seconds(period), result.turnsCompleted(), settings.streamingTurns(), result.turnsNotCompleted(),
                result.events());
        return new OrchestrationReport.StreamingPhase(period, result, loadBefore, MachineLoad.now());
    }

    /** Questions whose first six words differ per chat and message, as the offline answer quotes them. */
    private List<String> streamingMessages(int chatNumber) {
        List<String> messages = new ArrayList<>();
        for (int k = 1; k <= settings.messagesPerChat(); k++) {
            messages.add("Chat " + chatNumber + " message " + k + ": how do lanes keep chats apart while others"
                    + " stream?");
        }
        return messages;
    }

    // ---- head-of-line phase ----------------------------------------------------------------------------

    private OrchestrationReport.HeadOfLinePhase headOfLine(ChatPartitions partitions, EventAudit audit,
            CommandChannel commands) {
        String loadBefore = MachineLoad.now();
        String stalledId = UUID.randomUUID().toString();
        int stalledPartition = partitions.of(stalledId);
        OrchestratedChat stalled = new OrchestratedChat(stalledId, HEAD_OF_LINE_TENANT, USER + "-stalled",
                stalledPartition, List.of("/stall\nHold this chat until it is stopped."),
                new GroupFigures(ChatGroup.STALLED), commands);
        audit.register(stalled);
        progress("head-of-line: chat %s stalls on partition %d, load average %s", stalledId, stalledPartition,
                loadBefore);
        stalled.start();
        boolean stalledStarted = await(stalled.firstTurnStarted(), STALL_START_TIMEOUT);
        if (!stalledStarted) {
            failures.add("the stalled chat's turn did not start within " + STALL_START_TIMEOUT.toSeconds() + " s");
        }

        GroupFigures same = new GroupFigures(ChatGroup.SAME_PARTITION);
        GroupFigures other = new GroupFigures(ChatGroup.OTHER_PARTITIONS);
        List<OrchestratedChat> fast = new ArrayList<>();
        int pairs = Math.max(settings.samePartitionChats(), settings.otherPartitionChats());
        // Interleaved, so neither group's commands go out first.
        for (int i = 0; i < pairs; i++) {
            if (i < settings.samePartitionChats()) {
                fast.add(fastChat(partitions.newChatIdOn(stalledPartition), "same-" + (i + 1), same, partitions,
                        commands));
            }
            if (i < settings.otherPartitionChats()) {
                fast.add(fastChat(partitions.newChatIdNotOn(stalledPartition), "other-" + (i + 1), other, partitions,
                        commands));
            }
        }
        fast.forEach(audit::register);
        long started = System.nanoTime();
        fast.forEach(OrchestratedChat::start);
        awaitAll(fast, settings.headOfLineTimeout(), "head-of-line");
        GroupFigures.Result sameResult = same.result();
        GroupFigures.Result otherResult = other.result();
        Duration period = Duration.ofNanos(Math.max(lastEnd(sameResult, started), lastEnd(otherResult, started))
                - started);

        stalled.stop();
        if (!await(stalled.finished(), STOP_TIMEOUT)) {
            failures.add("the stalled chat's turn did not end within " + STOP_TIMEOUT.toSeconds()
                    + " s of StopTurn");
        } else if (!OrchestrationReport.HeadOfLinePhase.STOPPED.equals(stalled.lastEnding())) {
            failures.add("the stalled chat's turn ended with " + stalled.lastEnding() + ", not "
                    + OrchestrationReport.HeadOfLinePhase.STOPPED);
        }
        progress("head-of-line done: %d/%d fast turns completed in %.1f s; stalled turn: %s",
                sameResult.turnsCompleted() + otherResult.turnsCompleted(), settings.headOfLineTurns(),
                seconds(period), stalled.lastEnding());
        return new OrchestrationReport.HeadOfLinePhase(stalledId, stalledPartition, stalledStarted,
                stalled.lastEnding(), period, sameResult, otherResult, loadBefore, MachineLoad.now());
    }

    private OrchestratedChat fastChat(String chatId, String name, GroupFigures figures, ChatPartitions partitions,
            CommandChannel commands) {
        List<String> messages = new ArrayList<>();
        for (int k = 1; k <= settings.headOfLineMessages(); k++) {
            messages.add("Fast chat " + name + " message " + k + ": answer while another chat is stalled.");
        }
        return new OrchestratedChat(chatId, HEAD_OF_LINE_TENANT, USER + "-" + name, partitions.of(chatId), messages,
                figures, commands);
    }

    // ---- waiting ---------------------------------------------------------------------------------------

    private void awaitAll(List<OrchestratedChat> chats, Duration timeout, String phase) {
        CompletableFuture<?>[] finished = chats.stream().map(OrchestratedChat::finished)
                .toArray(CompletableFuture[]::new);
        if (!await(CompletableFuture.allOf(finished), timeout)) {
            long unfinished = chats.stream().filter(chat -> !chat.finished().isDone()).count();
            failures.add(String.format(Locale.ROOT, "%s: %d of %d chats had not ended all their turns after %d s",
                    phase, unfinished, chats.size(), timeout.toSeconds()));
        }
    }

    private static boolean await(CompletableFuture<?> future, Duration timeout) {
        try {
            future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("A chat failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for turns", e);
        }
    }

    private static Duration periodUntilLastEnd(long startedNanos, GroupFigures.Result result) {
        return Duration.ofNanos(lastEnd(result, startedNanos) - startedNanos);
    }

    /** When the group's last turn end was consumed; now if none was. */
    private static long lastEnd(GroupFigures.Result result, long startedNanos) {
        return result.lastTurnEndNanos() == Long.MIN_VALUE ? System.nanoTime()
                : Math.max(startedNanos, result.lastTurnEndNanos());
    }
}
