package io.switchboard.bench;

import java.util.ArrayList;
import java.util.List;

import org.HdrHistogram.Histogram;

/**
 * What the clients received, summed over connections.
 *
 * @param chatEvents       events of the chat stream (all produced by the turns of this run)
 * @param textDeltas       of which TextDelta
 * @param otherEvents      lifecycle and workspace events
 * @param leaks            events for a chat the connection does not follow, or of another tenant
 * @param orderViolations  events whose seq was not exactly the previous one of its chat and stream plus one
 * @param resyncs          resync frames: the gateway announced a gap
 * @param errors           error frames and unexpected closes
 * @param lastTurnEndNanos when the last TurnCompleted (or TurnFailed) arrived, System.nanoTime;
 *                         Long.MIN_VALUE if none did
 * @param deltaLatency     TextDelta latency from the envelope's {@code at} to arrival, microseconds
 * @param pingRoundTrip    ping to pong on the same connections during streaming, microseconds
 * @param turnPhases       where the turns' time went
 * @param samples          a few problems, for the report
 */
record Deliveries(long chatEvents, long textDeltas, long otherEvents, long leaks, long orderViolations, long resyncs,
        long errors, long lastTurnEndNanos, Histogram deltaLatency, Histogram pingRoundTrip,
        TurnPhases.Histograms turnPhases,
        List<String> samples) {

    static Deliveries sum(List<Deliveries> parts) {
        Histogram latency = Latency.newHistogram();
        Histogram pings = Latency.newHistogram();
        TurnPhases.Histograms phases = TurnPhases.Histograms.empty();
        List<String> samples = new ArrayList<>();
        long chatEvents = 0;
        long textDeltas = 0;
        long otherEvents = 0;
        long leaks = 0;
        long orderViolations = 0;
        long resyncs = 0;
        long errors = 0;
        long lastTurnEnd = Long.MIN_VALUE;
        for (Deliveries part : parts) {
            chatEvents += part.chatEvents();
            textDeltas += part.textDeltas();
            otherEvents += part.otherEvents();
            leaks += part.leaks();
            orderViolations += part.orderViolations();
            resyncs += part.resyncs();
            errors += part.errors();
            lastTurnEnd = Math.max(lastTurnEnd, part.lastTurnEndNanos());
            latency.add(part.deltaLatency());
            pings.add(part.pingRoundTrip());
            phases.add(part.turnPhases());
            samples.addAll(part.samples());
        }
        return new Deliveries(chatEvents, textDeltas, otherEvents, leaks, orderViolations, resyncs, errors, lastTurnEnd,
                latency, pings, phases, List.copyOf(samples));
    }
}
