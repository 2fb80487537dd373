package io.switchboard.bench;

import static io.switchboard.bench.Progress.progress;
import static io.switchboard.bench.RunClock.since;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Writes the Kafka corpus and checks that Kafka stored every record on the partition it was meant for: the
 * consumers must meet each kind on every partition before the liveness checks run there.
 */
final class KafkaPoisoning {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    /**
     * @param byKind     records stored, by kind (over all topics and partitions)
     * @param topics     topics written to
     * @param partitions partitions of each
     * @param problems   records not stored, or stored elsewhere than meant
     */
    record Result(Map<KafkaPoison, Integer> byKind, int topics, int partitions, List<String> problems,
            Duration took) {

        int total() {
            return byKind.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private KafkaPoisoning() {
    }

    /** For a control run without the Kafka corpus: what the other figures look like without it. */
    static Result skipped(int topics, int partitions) {
        return new Result(Map.of(), topics, partitions, List.of(), Duration.ZERO);
    }

    static Result run(RawRecords producer, ChatPartitions partitions, String tenantId, int topics) {
        long started = System.nanoTime();
        List<KafkaCorpus.PoisonRecord> corpus = KafkaCorpus.build(partitions, tenantId);
        progress("Kafka corpus: %d records (%d kinds x %d topics x %d partitions)", corpus.size(),
                KafkaPoison.values().length, topics, partitions.count());
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (KafkaCorpus.PoisonRecord record : corpus) {
            acks.add(producer.send(record.topic(), record.key(), record.value()));
        }
        producer.flush();
        Map<KafkaPoison, Integer> byKind = new EnumMap<>(KafkaPoison.class);
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i++) {
            KafkaCorpus.PoisonRecord record = corpus.get(i);
            try {
                RecordMetadata stored = acks.get(i).get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                if (stored.partition() != record.partition()) {
                    problems.add(record.kind() + " on " + record.topic() + " landed on partition "
                            + stored.partition() + ", meant for " + record.partition());
                }
                byKind.merge(record.kind(), 1, Integer::sum);
            } catch (ExecutionException | TimeoutException e) {
                problems.add(record.kind() + " on " + record.topic() + " not stored: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted", e);
            }
        }
        return new Result(byKind, topics, partitions.count(), problems, since(started));
    }
}
