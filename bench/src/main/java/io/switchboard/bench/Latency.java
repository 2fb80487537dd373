package io.switchboard.bench;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

/** A latency distribution reduced to what the summary prints; all figures in microseconds. */
public record Latency(long count, long p50Micros, long p99Micros, long maxMicros) {

    /** Two minutes: far beyond any latency worth distinguishing; larger values are clamped to it. */
    static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(2);

    static Histogram newHistogram() {
        return new Histogram(HIGHEST_MICROS, 3);
    }

    /** For samples recorded from several threads at once. */
    static SynchronizedHistogram newSynchronizedHistogram() {
        return new SynchronizedHistogram(HIGHEST_MICROS, 3);
    }

    /**
     * Records one sample. Negative values are possible when the two ends read the wall clock at
     * slightly different moments of an NTP slew; they count as zero rather than vanish.
     */
    static void record(Histogram histogram, long micros) {
        histogram.recordValue(Math.max(0, Math.min(micros, HIGHEST_MICROS)));
    }

    static Latency of(Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return new Latency(0, 0, 0, 0);
        }
        return new Latency(histogram.getTotalCount(), histogram.getValueAtPercentile(50),
                histogram.getValueAtPercentile(99), histogram.getMaxValue());
    }

    static String millis(long micros) {
        return String.format(Locale.ROOT, "%.1f ms", micros / 1000.0);
    }
}
