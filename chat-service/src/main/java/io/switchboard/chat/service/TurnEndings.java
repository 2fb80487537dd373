package io.switchboard.chat.service;

import java.util.List;
import java.util.function.Consumer;

import io.opentelemetry.api.trace.Span;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.chat.model.Turn;
import io.switchboard.chat.model.TurnEnding;
import io.switchboard.chat.model.TurnStatus;
import io.switchboard.chat.tracing.TurnTraces;
import io.switchboard.events.EventPayload;
import io.switchboard.events.chat.TokenUsage;
import io.switchboard.events.chat.TurnCancelled;
import io.switchboard.events.chat.TurnCompleted;
import io.switchboard.events.chat.TurnFailed;

/**
 * How a chat's turns end, once each: the turn's files committed when it wrote any, the ending published on the
 * chat's stream, counted, traced and stored. A completed turn also adds its tokens to the chat's totals.
 */
final class TurnEndings {

    private final String chatId;
    private final String tenantId;
    private final ChatEventStream stream;
    private final LaneServices services;

    TurnEndings(String chatId, String tenantId, ChatEventStream stream, LaneServices services) {
        this.chatId = chatId;
        this.tenantId = tenantId;
        this.stream = stream;
        this.services = services;
    }

    /**
     * Ends a turn that ran: commits its files, then announces and stores the ending. A completed turn's new chat
     * totals go to {@code totals}.
     */
    Uni<Void> afterRunning(Turn turn, TurnOutcome outcome, Consumer<TokenUsage> totals) {
        Uni<Void> committed = outcome.wroteFiles() ? commit(turn) : Uni.createFrom().voidItem();
        if (outcome.status() != TurnStatus.COMPLETED) {
            return committed.chain(() -> withoutRunning(turn, outcome));
        }
        return committed
                .chain(() -> services.streams.addUsage(tenantId, chatId, outcome.usage()))
                .invoke(totals)
                .chain(sum -> stream.publish(turn.id(), new TurnCompleted(outcome.answer(), outcome.usage(), sum)))
                .invoke(() -> {
                    services.metrics.ended(tenantId, turn.model(), TurnStatus.COMPLETED, null, outcome.usage());
                    services.traces.ended(turn.id(), TurnStatus.COMPLETED, null);
                })
                .chain(() -> services.turns.finish(tenantId, turn.id(), ending(outcome)))
                .invoke(() -> Log.infof("chatId=%s turn %s completed", chatId, turn.id()))
                // Kafka refused the ending for good: the turn still ends visibly, with a small one it takes.
                .onFailure(ChatEventPublisher::isPermanent).recoverWithUni(() -> withoutRunning(turn,
                        TurnOutcome.failed("publish_failed", "The answer could not be published")));
    }

    /** Announces and stores an ending for a turn that is not (or no longer) running here. */
    Uni<Void> withoutRunning(Turn turn, TurnOutcome outcome) {
        EventPayload ending = outcome.status() == TurnStatus.CANCELLED
                ? new TurnCancelled(outcome.reason())
                : new TurnFailed(outcome.reason(), outcome.message());
        Log.infof("chatId=%s turn %s ended %s (%s)", chatId, turn.id(), outcome.status(), outcome.reason());
        return stream.publishInWindow(turn.id(), ending)
                .invoke(() -> {
                    services.metrics.ended(tenantId, turn.model(), outcome.status(), outcome.reason(),
                            outcome.usage());
                    services.traces.ended(turn.id(), outcome.status(), outcome.reason());
                })
                .chain(() -> services.turns.finish(tenantId, turn.id(), ending(outcome)));
    }

    /** Cancels turns taken off the queue before they ran, in order; each leaves its tenant's pending count. */
    Uni<Void> cancelWaiting(List<Turn> turns, String reason) {
        Uni<Void> work = Uni.createFrom().voidItem();
        for (Turn turn : turns) {
            work = work.chain(() -> withoutRunning(turn, TurnOutcome.cancelled(reason)))
                    .invoke(() -> services.scheduler.settle(tenantId));
        }
        return work;
    }

    /** Stores the ending a crashed owner published but did not store; announces nothing twice. */
    Uni<Void> recorded(Turn turn, String publishedEndingType) {
        TurnStatus status = switch (publishedEndingType) {
            case "TurnCompleted" -> TurnStatus.COMPLETED;
            case "TurnCancelled" -> TurnStatus.CANCELLED;
            default -> TurnStatus.FAILED;
        };
        return services.turns.finish(tenantId, turn.id(),
                new TurnEnding(status, "recovered", null, TurnOutcome.NO_USAGE));
    }

    /** Never fails: changes that could not be committed stay in the working directory for the next turn's commit. */
    private Uni<Void> commit(Turn turn) {
        Span span = services.traces.child(turn.id(), "commit");
        return TurnTraces.within(span,
                        () -> services.toolbox.commitTurn(tenantId, chatId, turn.id(), commitMessage(turn)))
                .onTermination().invoke(span::end)
                .onFailure().invoke(failure -> Log.errorf(failure,
                        "chatId=%s turn %s: workspace changes not committed", chatId, turn.id()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private static TurnEnding ending(TurnOutcome outcome) {
        return new TurnEnding(outcome.status(), outcome.reason(), outcome.answer(), outcome.usage());
    }

    private static String commitMessage(Turn turn) {
        String firstLine = turn.text().strip().lines().findFirst().orElse("");
        String subject = firstLine.length() > 60 ? firstLine.substring(0, 57) + "..." : firstLine;
        return "Agent turn: " + subject + "\n\nSwitchboard turn " + turn.id() + " (" + turn.model() + ")";
    }
}
