package io.switchboard.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What the bad inputs of one corpus got back, counted by kind and by answer ("400", "413", "error
 * invalid_field", "no answer"...), each answer also judged: refused as it should be, accepted (a 2xx or an
 * {@code accepted} frame for bad input), a server error (a 5xx, an {@code internal_error} frame, a 1011 close),
 * or neither (no answer, an unexpected close). The failures are kept
 * with what was sent (the first 60).
 */
final class Outcomes {

    /** How an answer to a bad input is judged. */
    enum Verdict {
        REFUSED, ACCEPTED, SERVER_ERROR, OTHER
    }

    private static final int MAX_SAMPLES = 60;

    private final Map<BadInput, Map<String, Integer>> byKind = new EnumMap<>(BadInput.class);
    private final Map<Verdict, Integer> byVerdict = new EnumMap<>(Verdict.class);
    private final List<String> samples = new ArrayList<>();

    synchronized void add(BadInput kind, String answer, Verdict verdict, String sample) {
        byKind.computeIfAbsent(kind, k -> new TreeMap<>()).merge(answer, 1, Integer::sum);
        byVerdict.merge(verdict, 1, Integer::sum);
        if (verdict != Verdict.REFUSED && samples.size() < MAX_SAMPLES) {
            samples.add(sample);
        }
    }

    /** A REST answer judged by its status class; -1 is no answer at all. */
    static Verdict ofStatus(int status) {
        if (status >= 200 && status < 300) {
            return Verdict.ACCEPTED;
        }
        if (status >= 500) {
            return Verdict.SERVER_ERROR;
        }
        if (status >= 400) {
            return Verdict.REFUSED;
        }
        return Verdict.OTHER;
    }

    synchronized int total() {
        return byVerdict.values().stream().mapToInt(Integer::intValue).sum();
    }

    synchronized int count(Verdict verdict) {
        return byVerdict.getOrDefault(verdict, 0);
    }

    synchronized int count(BadInput kind) {
        return byKind.getOrDefault(kind, Map.of()).values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Every kind tried, in declaration order, with its answers. */
    synchronized Map<BadInput, Map<String, Integer>> byKind() {
        Map<BadInput, Map<String, Integer>> copy = new EnumMap<>(BadInput.class);
        byKind.forEach((kind, answers) -> copy.put(kind, Collections.unmodifiableMap(new TreeMap<>(answers))));
        return copy;
    }

    /** Answers of one kind as "400 x12, 413 x1". */
    synchronized String answers(BadInput kind) {
        return byKind.getOrDefault(kind, Map.of()).entrySet().stream()
                .map(entry -> entry.getKey() + " x" + entry.getValue())
                .collect(Collectors.joining(", "));
    }

    synchronized List<String> samples() {
        return List.copyOf(samples);
    }
}
