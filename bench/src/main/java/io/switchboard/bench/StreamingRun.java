package io.switchboard.bench;

import java.time.Duration;

/**
 * The streaming phase of a run.
 *
 * @param period         from the first message sent to the last turn's end arriving
 * @param turnsCompleted turns that ended with TurnCompleted
 * @param turnsFailed    turns that ended with TurnFailed or TurnCancelled
 * @param deliveries     what the clients received and how it was judged
 * @param split          the TextDelta latency up to chat-service's send and up to a plain Kafka consumer
 * @param accepted       message POST to the gateway's 202
 * @param loadBefore     one-minute load average as streaming started
 * @param loadAfter      and as it ended
 */
record StreamingRun(Duration period, int turnsCompleted, int turnsFailed, Deliveries deliveries,
        ChatEventsTap.Split split, Latency accepted, String loadBefore, String loadAfter) {

    double chatEventsPerSecond() {
        return RunClock.perSecond(deliveries.chatEvents(), period);
    }

    double textDeltasPerSecond() {
        return RunClock.perSecond(deliveries.textDeltas(), period);
    }
}
