package io.switchboard.chat.service;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.events.Envelope;
import io.switchboard.events.EventPayload;

/**
 * One chat's event stream as Kafka holds it. Events go out one at a time, in the order they were published, and
 * an event takes its seq only when it is sent: the seq after the last one Kafka acknowledged. A send that fails
 * for a reason that can pass (the broker unreachable past the producer's own delivery timeout) is sent again with
 * the same seq until Kafka takes it, so a failed publish never leaves a gap and what follows waits behind it. A
 * send Kafka can never take (a record too large) fails its caller without using up a seq.
 */
final class EventSequence {

    private static final Duration FIRST_RETRY = Duration.ofMillis(200);
    private static final Duration LAST_RETRY = Duration.ofSeconds(5);

    private final String chatId;
    private final String tenantId;
    private final Function<Envelope, CompletionStage<Void>> send;
    private final Runnable retried;
    private final Executor lane;
    private final Deque<Pending> waiting = new ArrayDeque<>();

    private long acknowledged;
    private boolean sending;
    private boolean abandoned;

    /**
     * @param send    hands a record to Kafka; its stage completes when Kafka acknowledged it
     * @param retried told each time a record is sent again
     * @param lane    where callers continue once their event is acknowledged
     */
    EventSequence(String chatId, String tenantId, long lastSeq, Function<Envelope, CompletionStage<Void>> send,
            Runnable retried, Executor lane) {
        this.chatId = chatId;
        this.tenantId = tenantId;
        this.acknowledged = lastSeq;
        this.send = send;
        this.retried = retried;
        this.lane = lane;
    }

    /** Queues the event behind the chat's earlier ones; completes, on the lane's context, once Kafka has it. */
    Uni<Envelope> publish(UUID turnId, EventPayload payload) {
        Pending pending = new Pending(turnId, payload);
        boolean start;
        synchronized (this) {
            if (abandoned) {
                return Uni.createFrom().failure(abandonedFailure());
            }
            waiting.addLast(pending);
            start = !sending;
            sending = true;
        }
        if (start) {
            sendHead();
        }
        return Uni.createFrom().completionStage(pending.done).emitOn(lane);
    }

    /** The seq of the chat's last event Kafka acknowledged. */
    synchronized long lastSeq() {
        return acknowledged;
    }

    /** The chat is no longer this instance's to publish: what waits fails, nothing more is sent. */
    void abandon() {
        Deque<Pending> dropped;
        synchronized (this) {
            abandoned = true;
            dropped = new ArrayDeque<>(waiting);
            waiting.clear();
        }
        dropped.forEach(pending -> pending.done.completeExceptionally(abandonedFailure()));
    }

    private void sendHead() {
        Envelope event;
        synchronized (this) {
            Pending head = waiting.peekFirst();
            if (head == null || abandoned) {
                sending = false;
                return;
            }
            if (head.envelope == null) {
                head.envelope = Envelope.of(chatId, tenantId, acknowledged + 1, head.turnId, head.payload);
            }
            event = head.envelope;
        }
        CompletionStage<Void> ack;
        try {
            ack = send.apply(event);
        } catch (RuntimeException e) {
            ack = CompletableFuture.failedFuture(e);
        }
        ack.whenComplete((ignored, failure) -> sent(event, failure));
    }

    private void sent(Envelope event, Throwable failure) {
        Pending head;
        synchronized (this) {
            head = waiting.peekFirst();
            if (head == null || head.envelope != event) {
                // Abandoned while it was in flight; its caller already knows.
                return;
            }
            if (failure == null) {
                acknowledged = event.seq();
            }
            if (failure == null || ChatEventPublisher.isPermanent(failure)) {
                waiting.pollFirst();
            }
        }
        if (failure == null) {
            head.done.complete(event);
            sendHead();
        } else if (ChatEventPublisher.isPermanent(failure)) {
            Log.errorf(failure, "chatId=%s %s not published; Kafka can never take it, seq %d stays free", chatId,
                    event.type(), event.seq());
            head.done.completeExceptionally(failure);
            sendHead();
        } else {
            Duration delay = retryDelay(++head.attempts);
            retried.run();
            Log.warnf("chatId=%s %s seq=%d not acknowledged (%s); sending it again in %d ms", chatId, event.type(),
                    event.seq(), failure.getMessage(), delay.toMillis());
            Uni.createFrom().voidItem().onItem().delayIt().by(delay).subscribe().with(ignored -> sendHead());
        }
    }

    private static Duration retryDelay(int attempts) {
        long millis = FIRST_RETRY.toMillis() << Math.min(attempts - 1, 10);
        return Duration.ofMillis(Math.min(millis, LAST_RETRY.toMillis()));
    }

    private IllegalStateException abandonedFailure() {
        return new IllegalStateException("chat " + chatId + " was handed over; its events are no longer sent here");
    }

    private static final class Pending {

        private final UUID turnId;
        private final EventPayload payload;
        private final CompletableFuture<Envelope> done = new CompletableFuture<>();
        private Envelope envelope;
        private int attempts;

        private Pending(UUID turnId, EventPayload payload) {
            this.turnId = turnId;
            this.payload = payload;
        }
    }
}
