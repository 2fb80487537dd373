package io.switchboard.chat.service;

import java.util.UUID;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.chat.model.Turn;
import io.switchboard.events.chat.TokenUsage;
import io.switchboard.events.chat.TurnStarted;
import io.switchboard.kit.concurrent.SerialTasks;

/**
 * A chat's open turns and how each moves on: it waits in the {@link TurnQueue} until the scheduler grants the lane
 * a permit, runs, ends, and then the next one asks for a permit. Only the lane's serial tasks touch it, so it needs
 * no locking; the runner works outside them and hands the outcome back as a task.
 */
final class TurnCycle {

    private final ChatLane lane;
    private final String chatId;
    private final String tenantId;
    private final SerialTasks tasks;
    private final ChatEventStream stream;
    private final TurnEndings endings;
    private final Retirement retirement;
    private final LaneServices services;
    private final TurnQueue waiting = new TurnQueue();

    private RunningTurn running;
    private boolean permitRequested;
    private TokenUsage usage;

    TurnCycle(ChatLane lane, SerialTasks tasks, ChatEventStream stream, TurnEndings endings, Retirement retirement,
            LaneServices services, TokenUsage usage) {
        this.lane = lane;
        this.chatId = lane.chatId();
        this.tenantId = lane.tenantId();
        this.tasks = tasks;
        this.stream = stream;
        this.endings = endings;
        this.retirement = retirement;
        this.services = services;
        this.usage = usage;
    }

    TurnQueue waiting() {
        return waiting;
    }

    /** Where a turn queued now stands: behind every waiting turn and the running one. */
    int nextPosition() {
        return waiting.size() + (running == null ? 0 : 1);
    }

    boolean hasRunningTurn() {
        return running != null;
    }

    boolean isRunning(UUID turnId) {
        return running != null && running.turn().id().equals(turnId);
    }

    /** Ends the running turn with {@code outcome}, if there is one; its ending is recorded once it has stopped. */
    void stopRunningTurn(TurnOutcome outcome) {
        if (running != null) {
            running.stop(outcome);
        }
    }

    /** Nothing running, waiting or waiting for a permit. */
    boolean idle() {
        return running == null && waiting.isEmpty() && !permitRequested;
    }

    void requestPermitIfNeeded() {
        if (!retirement.underway() && running == null && !permitRequested && !waiting.isEmpty()) {
            permitRequested = true;
            services.scheduler.request(lane);
        }
    }

    /** A permit not granted yet is not wanted any more: the scheduler gives it to another chat. */
    void withdrawPermit() {
        if (services.scheduler.withdraw(lane)) {
            permitRequested = false;
        }
    }

    Uni<Void> closeWindowIfQuiet() {
        // A queued turn will start soon: keeping the window open saves closing and reopening it around that.
        if (running != null || !waiting.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return stream.closeWindow();
    }

    /** The scheduler granted the lane's permit: starts the next turn, or gives the permit back. */
    Uni<Void> startNext() {
        permitRequested = false;
        Turn turn = retirement.underway() || running != null ? null : waiting.next();
        if (turn == null) {
            services.scheduler.release(lane);
            return Uni.createFrom().voidItem();
        }
        long budget = services.config.turns().chatTokenBudget();
        if (budget > 0 && usage.inputTokens() + usage.outputTokens() >= budget) {
            services.scheduler.release(lane);
            return endings.withoutRunning(turn, TurnOutcome.failed("token_budget_exceeded",
                            "The chat has used its budget of " + budget + " tokens"))
                    .invoke(() -> services.scheduler.settle(tenantId))
                    .invoke(this::requestPermitIfNeeded)
                    .chain(this::closeWindowIfQuiet);
        }
        RunningTurn current = new RunningTurn(turn);
        running = current;
        return stream.openWindow()
                .chain(() -> services.turns.markRunning(tenantId, turn.id()))
                .chain(() -> stream.publish(turn.id(), new TurnStarted(turn.model())))
                .invoke(() -> {
                    Log.infof("chatId=%s turn %s started on %s", chatId, turn.id(), turn.model());
                    services.traces.started(turn.id());
                    run(current);
                })
                .replaceWithVoid()
                .onFailure().call(failure -> {
                    Log.errorf(failure, "chatId=%s turn %s could not start", chatId, turn.id());
                    running = null;
                    services.scheduler.release(lane);
                    return endings.withoutRunning(turn, TurnOutcome.failed("start_failed",
                                    "The turn could not start"))
                            .invoke(() -> services.scheduler.settle(tenantId))
                            .onFailure().recoverWithNull();
                });
    }

    private void run(RunningTurn current) {
        UUID turnId = current.turn().id();
        services.runner.run(lane, current).subscribe().with(
                outcome -> tasks.submit(() -> end(current, outcome)).subscribe().with(done -> { },
                        failure -> Log.errorf(failure, "chatId=%s turn %s: ending not recorded", chatId, turnId)),
                failure -> Log.errorf(failure, "chatId=%s turn %s: runner failed", chatId, turnId));
    }

    /** Publishes the ending the runner decided, records it, commits the turn's files, frees the slot. */
    private Uni<Void> end(RunningTurn current, TurnOutcome outcome) {
        Turn turn = current.turn();
        Uni<Void> recorded = retirement.silent()
                ? Uni.createFrom().voidItem().invoke(() -> services.traces.handedOver(turn.id()))
                : endings.afterRunning(turn, outcome, totals -> usage = totals);
        return recorded
                .onFailure().invoke(failure -> Log.errorf(failure, "chatId=%s turn %s: ending not recorded",
                        chatId, turn.id()))
                .onFailure().recoverWithNull()
                .eventually(() -> {
                    running = null;
                    services.scheduler.release(lane);
                    services.scheduler.settle(tenantId);
                    if (retirement.underway()) {
                        return retirement.finish();
                    }
                    requestPermitIfNeeded();
                    return closeWindowIfQuiet();
                });
    }
}
