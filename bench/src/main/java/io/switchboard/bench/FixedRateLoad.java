package io.switchboard.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.HdrHistogram.SynchronizedHistogram;

/**
 * Sends each operation's requests on a fixed schedule, whether or not earlier ones have been answered (an open
 * loop), all operations at once. A request's latency counts from the moment the schedule meant to send it, so a
 * slow answer that delays the next send is not hidden (no coordinated omission).
 */
final class FixedRateLoad {

    /**
     * One kind of request.
     *
     * @param request  the next request to send; empty when none can be sent now (counted as skipped)
     * @param expected the status a correct answer has
     * @param answered told of every answer with the expected status, e.g. to keep a version for the next request
     * @param missed   told of every request that got another status or none, e.g. to free what it held
     */
    record Operation(String name, Supplier<Optional<HttpRequest>> request, int expected,
            Consumer<HttpResponse<String>> answered, Consumer<HttpRequest> missed) {

        Operation(String name, Supplier<Optional<HttpRequest>> request, int expected,
                Consumer<HttpResponse<String>> answered) {
            this(name, request, expected, answered, missed -> { });
        }
    }

    /** What one operation got. */
    record Result(String name, Latency latency, long sent, long wrong, long failed, long skipped,
            List<String> examples) {
    }

    private FixedRateLoad() {
    }

    static Map<String, Result> run(HttpClient http, List<Operation> operations, int perSecond, Duration duration) {
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, DaemonThreads.named("fixed-rate"));
        Map<String, Tally> tallies = new LinkedHashMap<>();
        ConcurrentLinkedQueue<CompletableFuture<Void>> pending = new ConcurrentLinkedQueue<>();
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
        long count = duration.toNanos() / periodNanos;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        for (Operation operation : operations) {
            Tally tally = new Tally();
            tallies.put(operation.name(), tally);
            AtomicLong index = new AtomicLong();
            scheduler.scheduleAtFixedRate(() -> {
                long k = index.getAndIncrement();
                if (k >= count) {
                    return;
                }
                long intended = start + k * periodNanos;
                Optional<HttpRequest> request = operation.request().get();
                if (request.isEmpty()) {
                    tally.skipped.incrementAndGet();
                    return;
                }
                tally.sent.incrementAndGet();
                HttpRequest sent = request.get();
                pending.add(http.sendAsync(sent, HttpResponse.BodyHandlers.ofString())
                        .handle((response, failure) -> {
                            Latency.record(tally.latency, (System.nanoTime() - intended) / 1000);
                            if (failure != null) {
                                tally.failed.incrementAndGet();
                                tally.example(operation.name() + ": " + failure);
                                operation.missed().accept(sent);
                            } else if (response.statusCode() != operation.expected()) {
                                tally.wrong.incrementAndGet();
                                tally.example(operation.name() + " answered " + response.statusCode() + ": "
                                        + abbreviate(response.body()));
                                operation.missed().accept(sent);
                            } else {
                                operation.answered().accept(response);
                            }
                            return null;
                        }));
            }, start - System.nanoTime(), periodNanos, TimeUnit.NANOSECONDS);
        }
        try {
            Thread.sleep(duration.plusMillis(200).toMillis());
            scheduler.shutdownNow();
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException("Requests still unanswered two minutes after the last was sent", e);
        }
        Map<String, Result> results = new LinkedHashMap<>();
        tallies.forEach((name, tally) -> results.put(name, tally.result(name)));
        return results;
    }

    private static String abbreviate(String body) {
        return body == null || body.length() <= 200 ? body : body.substring(0, 200) + "...";
    }

    private static final class Tally {

        private final SynchronizedHistogram latency = Latency.newSynchronizedHistogram();
        private final AtomicLong sent = new AtomicLong();
        private final AtomicLong wrong = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();
        private final AtomicLong skipped = new AtomicLong();
        private final List<String> examples = new ArrayList<>();

        private synchronized void example(String problem) {
            if (examples.size() < 3) {
                examples.add(problem);
            }
        }

        private synchronized Result result(String name) {
            return new Result(name, Latency.of(latency), sent.get(), wrong.get(), failed.get(), skipped.get(),
                    List.copyOf(examples));
        }
    }
}
