package io.switchboard.chat.service;

import java.util.concurrent.CompletableFuture;

import io.smallrye.mutiny.Uni;
import io.switchboard.chat.model.Turn;

/** The turn a chat is running, and the switch that stops it. */
final class RunningTurn {

    private final Turn turn;
    private final CompletableFuture<TurnOutcome> stopped = new CompletableFuture<>();

    RunningTurn(Turn turn) {
        this.turn = turn;
    }

    Turn turn() {
        return turn;
    }

    /** Ends the turn with this outcome unless it has ended already; the first stop wins. */
    void stop(TurnOutcome outcome) {
        stopped.complete(outcome);
    }

    Uni<TurnOutcome> whenStopped() {
        return Uni.createFrom().completionStage(stopped);
    }
}
