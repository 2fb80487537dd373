package io.switchboard.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * Where a turn's time goes, from the envelopes' {@code at} (chat-service's clock, which is this
 * machine's): message sent to TurnQueued (gateway, chat.commands, intake), TurnQueued to TurnStarted
 * (waiting in the chat's lane), TurnStarted to TurnCompleted (the model streaming plus publishing).
 * Not thread-safe: used under its {@link DeliveryCheck}'s lock.
 */
final class TurnPhases {

    private final Histogram command = Latency.newHistogram();
    private final Histogram start = Latency.newHistogram();
    private final Histogram streaming = Latency.newHistogram();
    private final Map<String, Instant> queuedAt = new HashMap<>();
    private final Map<String, Instant> startedAt = new HashMap<>();

    void queued(ChatDriver chat, Instant at) {
        Instant sent = chat.sentAtOfNextQueuedTurn();
        if (sent != null) {
            Latency.record(command, ChronoUnit.MICROS.between(sent, at));
        }
        queuedAt.put(chat.chatId(), at);
    }

    void started(String chatId, Instant at) {
        Instant queued = queuedAt.remove(chatId);
        if (queued != null) {
            Latency.record(start, ChronoUnit.MICROS.between(queued, at));
        }
        startedAt.put(chatId, at);
    }

    void ended(String chatId, Instant at) {
        Instant started = startedAt.remove(chatId);
        if (started != null) {
            Latency.record(streaming, ChronoUnit.MICROS.between(started, at));
        }
    }

    /** A copy that stays valid while this connection goes on receiving. */
    Histograms copy() {
        Histograms copy = Histograms.empty();
        copy.add(new Histograms(command, start, streaming));
        return copy;
    }

    /**
     * @param command   message POSTed to TurnQueued created
     * @param start     TurnQueued to TurnStarted
     * @param streaming TurnStarted to TurnCompleted
     */
    record Histograms(Histogram command, Histogram start, Histogram streaming) {

        static Histograms empty() {
            return new Histograms(Latency.newHistogram(), Latency.newHistogram(), Latency.newHistogram());
        }

        void add(Histograms other) {
            command.add(other.command());
            start.add(other.start());
            streaming.add(other.streaming());
        }
    }
}
