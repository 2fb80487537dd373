package io.switchboard.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.HdrHistogram.SynchronizedHistogram;

/**
 * One chat's conversation: sends its messages one after the other, each once the previous turn has
 * ended, as a user waiting for the answer would. Turn ends are reported by the socket that follows
 * the chat.
 */
final class ChatDriver {

    private final String chatId;
    private final int index;
    private final List<CompletableFuture<Void>> turnEnds = new ArrayList<>();
    private final AtomicReferenceArray<Instant> sentAt;
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger ended = new AtomicInteger();
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicInteger unexpected = new AtomicInteger();

    ChatDriver(String chatId, int index, int messages) {
        this.chatId = chatId;
        this.index = index;
        this.sentAt = new AtomicReferenceArray<>(messages);
        for (int i = 0; i < messages; i++) {
            turnEnds.add(new CompletableFuture<>());
        }
    }

    String chatId() {
        return chatId;
    }

    /**
     * Completes once every turn has ended; records in {@code accepted} how long each POST took to be
     * answered 202. Each message is sent on {@code executor}, never on the socket thread that reported
     * the previous turn's end, which must go on reading frames.
     */
    CompletableFuture<Void> run(GatewayApi api, Executor executor, SynchronizedHistogram accepted) {
        CompletableFuture<Void> conversation = CompletableFuture.completedFuture(null);
        for (int turn = 0; turn < turnEnds.size(); turn++) {
            int current = turn;
            conversation = conversation
                    .thenComposeAsync(ignored -> {
                        Instant sent = Instant.now();
                        sentAt.set(current, sent);
                        return api.sendMessage(chatId, message(current)).thenRun(() -> Latency.record(accepted,
                                ChronoUnit.MICROS.between(sent, Instant.now())));
                    }, executor)
                    .thenCompose(ignored -> turnEnds.get(current));
        }
        return conversation;
    }

    /** When the message of the turn whose TurnQueued just arrived was sent, or null past the last one. */
    Instant sentAtOfNextQueuedTurn() {
        int turn = queued.getAndIncrement();
        return turn < sentAt.length() ? sentAt.get(turn) : null;
    }

    /** A TurnCompleted ({@code success}) or TurnFailed/TurnCancelled arrived for this chat. */
    void turnEnded(boolean success) {
        int turn = ended.getAndIncrement();
        if (turn >= turnEnds.size()) {
            unexpected.incrementAndGet();
            return;
        }
        if (success) {
            completed.incrementAndGet();
        }
        turnEnds.get(turn).complete(null);
    }

    int turnsCompleted() {
        return completed.get();
    }

    int turnsEnded() {
        return Math.min(ended.get(), turnEnds.size());
    }

    int unexpectedTurnEnds() {
        return unexpected.get();
    }

    // Distinct texts give each chat a different deterministic answer from the offline model.
    private String message(int turn) {
        return "question " + (turn + 1) + " from chat " + (index + 1) + " about streaming many chats at once";
    }
}
