package io.switchboard.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * What the chats of one {@link ChatGroup} saw. Written by the thread that reads chat.events, read by the
 * benchmark once the phase is over; the methods are synchronized for that hand-over.
 */
final class GroupFigures {

    private static final int MAX_SAMPLES = 5;

    private final ChatGroup group;
    private final Histogram turnStart = Latency.newHistogram();
    private final Histogram firstTurnStart = Latency.newHistogram();
    private final Histogram laterTurnStart = Latency.newHistogram();
    private final Histogram commandToQueued = Latency.newHistogram();
    private final Histogram commandToQueuedAt = Latency.newHistogram();
    private final Histogram queuedAtToStartedAt = Latency.newHistogram();
    private final Histogram deltaLatency = Latency.newHistogram();
    private final List<String> samples = new ArrayList<>();
    private long events;
    private long deltas;
    private int turnsCompleted;
    private int turnsNotCompleted;
    private int unexpectedTurnEnds;
    private long lastTurnEndNanos = Long.MIN_VALUE;

    GroupFigures(ChatGroup group) {
        this.group = group;
    }

    ChatGroup group() {
        return group;
    }

    synchronized void event() {
        events++;
    }

    synchronized void delta(long atToConsumedMicros) {
        deltas++;
        Latency.record(deltaLatency, atToConsumedMicros);
    }

    /**
     * A turn was queued.
     *
     * @param commandToAtMicros the command's send to the TurnQueued envelope's {@code at}, wall clock: the part
     *                          spent before chat-service had stored and announced the message
     */
    synchronized void queued(long commandNanos, long queuedNanos, long commandToAtMicros) {
        Latency.record(commandToQueued, TimeUnit.NANOSECONDS.toMicros(queuedNanos - commandNanos));
        Latency.record(commandToQueuedAt, commandToAtMicros);
    }

    /**
     * A turn started; {@code first} when it answers its chat's first message (a new lane in chat-service).
     *
     * @param queuedToStartedMicros the TurnQueued envelope's {@code at} to the TurnStarted one's, inside chat-service
     */
    synchronized void started(long commandNanos, long startedNanos, boolean first, long queuedToStartedMicros) {
        long micros = TimeUnit.NANOSECONDS.toMicros(startedNanos - commandNanos);
        Latency.record(turnStart, micros);
        Latency.record(first ? firstTurnStart : laterTurnStart, micros);
        Latency.record(queuedAtToStartedAt, queuedToStartedMicros);
    }

    synchronized void ended(boolean completed, boolean expected, long endedNanos, String description) {
        if (!expected) {
            unexpectedTurnEnds++;
            sample("a turn ended beyond the messages sent: " + description);
            return;
        }
        lastTurnEndNanos = Math.max(lastTurnEndNanos, endedNanos);
        if (completed) {
            turnsCompleted++;
        } else {
            turnsNotCompleted++;
            sample(description);
        }
    }

    synchronized Result result() {
        return new Result(group, events, deltas, turnsCompleted, turnsNotCompleted, unexpectedTurnEnds,
                lastTurnEndNanos, Latency.of(turnStart), Latency.of(firstTurnStart), Latency.of(laterTurnStart),
                Latency.of(commandToQueued), Latency.of(commandToQueuedAt), Latency.of(queuedAtToStartedAt),
                Latency.of(deltaLatency), List.copyOf(samples));
    }

    private void sample(String problem) {
        if (samples.size() < MAX_SAMPLES) {
            samples.add(problem.length() > 300 ? problem.substring(0, 300) + "..." : problem);
        }
    }

    /**
     * The group's figures at one moment.
     *
     * @param events             chat.events of the group's chats consumed
     * @param deltas             of which TextDelta
     * @param turnsCompleted     turns that ended with TurnCompleted
     * @param turnsNotCompleted  turns that ended with TurnFailed or TurnCancelled
     * @param unexpectedTurnEnds turn ends beyond the messages the chats sent
     * @param lastTurnEndNanos   when the last turn end was consumed, or {@link Long#MIN_VALUE}
     * @param turnStart          command produced to its TurnStarted consumed
     * @param firstTurnStart     the same for each chat's first message
     * @param laterTurnStart     the same for the messages after it
     * @param commandToQueued    command produced to its TurnQueued consumed
     * @param commandToQueuedAt  command produced to its TurnQueued's {@code at} (chat-service stored the message)
     * @param queuedToStarted    TurnQueued's {@code at} to TurnStarted's {@code at}, both inside chat-service
     * @param deltaLatency       TextDelta envelope {@code at} to consumed
     * @param samples            the first few turns that did not complete, described
     */
    record Result(ChatGroup group, long events, long deltas, int turnsCompleted, int turnsNotCompleted,
            int unexpectedTurnEnds, long lastTurnEndNanos, Latency turnStart, Latency firstTurnStart,
            Latency laterTurnStart, Latency commandToQueued, Latency commandToQueuedAt, Latency queuedToStarted,
            Latency deltaLatency, List<String> samples) {
    }
}
