package io.switchboard.chat.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.chat.model.Turn;
import io.switchboard.chat.model.TurnStatus;
import io.switchboard.events.chat.TurnQueued;

/**
 * A chat changing owner: taking over the turns an earlier owner left open, and giving the chat up to the next.
 * Both run as the lane's serial tasks, so they need no locking.
 */
final class LaneHandover {

    private final String chatId;
    private final String tenantId;
    private final LaneServices services;
    private final ChatEventStream stream;
    private final TurnEndings endings;
    private final TurnCycle cycle;
    private final Retirement retirement;

    LaneHandover(String chatId, String tenantId, LaneServices services, ChatEventStream stream, TurnEndings endings,
            TurnCycle cycle, Retirement retirement) {
        this.chatId = chatId;
        this.tenantId = tenantId;
        this.services = services;
        this.stream = stream;
        this.endings = endings;
        this.cycle = cycle;
        this.retirement = retirement;
    }

    /** See {@link ChatLane#recover}; a chat closed meanwhile ({@code closedReason}) cancels the queued turns. */
    Uni<Void> takeOver(List<Turn> open, RecoveredTail tail, Optional<String> closedReason) {
        Uni<Void> work = Uni.createFrom().voidItem();
        List<Turn> queued = new ArrayList<>();
        for (Turn turn : open) {
            String published = tail.publishedEnding(turn.id());
            if (published != null) {
                // The ending went out but was not stored before the crash: store it, announce nothing twice.
                work = work.chain(() -> endings.recorded(turn, published));
            } else if (turn.status() == TurnStatus.RUNNING) {
                work = work.chain(() -> endings.withoutRunning(turn, TurnOutcome.failed(ChatLane.INTERRUPTED,
                        "chat-service stopped while this turn was running")));
            } else if (!cycle.waiting().contains(turn.id())) {
                queued.add(turn);
            }
        }
        if (closedReason.isPresent()) {
            return work.chain(() -> endings.cancelWaiting(queued, closedReason.get()))
                    .chain(cycle::closeWindowIfQuiet);
        }
        for (Turn turn : queued) {
            services.scheduler.readmit(tenantId);
            if (!tail.wasAnnounced(chatId, turn.id())) {
                // Stored, then the crash came before its TurnQueued: announce it now, so clients see it.
                int position = cycle.nextPosition();
                work = work.chain(() -> stream.publishInWindow(turn.id(), new TurnQueued(
                        turn.clientMessageId(), turn.userId(), turn.text(), turn.model(), position)));
            }
            cycle.waiting().insert(turn);
        }
        Log.infof("chatId=%s recovered %d open turns", chatId, open.size());
        return work.invoke(cycle::requestPermitIfNeeded).chain(cycle::closeWindowIfQuiet);
    }

    /**
     * See {@link ChatLane#retire}: queued turns leave the queue but stay stored for the next owner; a running
     * turn is stopped and the retirement finishes once it has ended.
     */
    Uni<Void> giveUp(boolean publish) {
        retirement.begin(publish);
        cycle.withdrawPermit();
        for (Turn turn : cycle.waiting().drain()) {
            services.scheduler.settle(tenantId);
            services.traces.handedOver(turn.id());
        }
        if (cycle.hasRunningTurn()) {
            cycle.stopRunningTurn(TurnOutcome.failed(ChatLane.INTERRUPTED, "chat-service handed this chat over"));
            return Uni.createFrom().voidItem();
        }
        return retirement.finish();
    }
}
