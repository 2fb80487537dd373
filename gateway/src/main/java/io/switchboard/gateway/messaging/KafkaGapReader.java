package io.switchboard.gateway.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.events.Envelope;
import io.switchboard.events.Topics;
import io.switchboard.events.kafka.ChatKeyGuard;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.gateway.fanout.PassedOverChats;
import io.switchboard.kit.consumer.ConsumerFailurePolicy;
import io.switchboard.kit.messaging.KafkaClientSettings;

/**
 * Reads back from chat.events the records of one chat the gateway passed over, from where its gap begins to the
 * partition's end, keeping only that chat's. Reads run on a few threads of their own with consumers that are
 * assigned, never in a group, and reused from one read to the next; a read never blocks the consumer of the feed
 * or an event loop.
 */
@ApplicationScoped
public class KafkaGapReader {

    public static final String READS_METRIC = "switchboard.gateway.gap.reads";
    public static final String SCANNED_METRIC = "switchboard.gateway.gap.scanned";
    public static final String DURATION_METRIC = "switchboard.gateway.gap.read.duration";

    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaClientSettings kafka;
    private final ConsumerFailurePolicy policy;
    private final GatewayConfig.GapReads settings;
    private final ExecutorService readers;
    private final LinkedBlockingQueue<KafkaConsumer<String, byte[]>> idle = new LinkedBlockingQueue<>();
    private final AtomicInteger created = new AtomicInteger();
    private final Counter scanned;
    private final Timer duration;
    private final Map<Boolean, Counter> reads;

    public KafkaGapReader(KafkaClientSettings kafka, ConsumerFailurePolicy policy, GatewayConfig config,
            MeterRegistry registry) {
        this.kafka = kafka;
        this.policy = policy;
        this.settings = config.gapReads();
        AtomicInteger threads = new AtomicInteger();
        this.readers = Executors.newFixedThreadPool(settings.concurrency(), task -> {
            Thread thread = new Thread(task, "gateway-gap-read-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.scanned = Counter.builder(SCANNED_METRIC)
                .description("Records of chat.events scanned to read back chats' passed-over events")
                .register(registry);
        this.duration = Timer.builder(DURATION_METRIC)
                .description("How long reading a chat's passed-over events back from Kafka kept a subscribe waiting")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        this.reads = Map.of(
                true, Counter.builder(READS_METRIC).tag("outcome", "complete")
                        .description("Gaps read back from Kafka for a subscriber").register(registry),
                false, Counter.builder(READS_METRIC).tag("outcome", "partial")
                        .description("Gaps read back from Kafka for a subscriber").register(registry));
    }

    /** The chat's events from the gap's offset on, in partition order; see {@link GatewayConfig.GapReads}. */
    public Uni<GapRead> read(String chatId, PassedOverChats.Gap gap) {
        return Uni.createFrom().item(() -> scan(chatId, gap)).runSubscriptionOn(readers);
    }

    private GapRead scan(String chatId, PassedOverChats.Gap gap) {
        long started = System.nanoTime();
        try {
            return scanWithIdleConsumer(chatId, gap);
        } finally {
            duration.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    private GapRead scanWithIdleConsumer(String chatId, PassedOverChats.Gap gap) {
        KafkaConsumer<String, byte[]> consumer = idle.poll();
        if (consumer == null) {
            consumer = newConsumer();
        }
        boolean healthy = false;
        try {
            GapRead read = scan(consumer, chatId, gap);
            healthy = true;
            return read;
        } finally {
            if (healthy) {
                idle.add(consumer);
            } else {
                consumer.close(Duration.ZERO);
            }
        }
    }

    private GapRead scan(KafkaConsumer<String, byte[]> consumer, String chatId, PassedOverChats.Gap gap) {
        TopicPartition partition = new TopicPartition(Topics.CHAT_EVENTS, gap.partition());
        consumer.assign(List.of(partition));
        long end = consumer.endOffsets(List.of(partition), settings.timeout()).get(partition);
        consumer.seek(partition, gap.offset());
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        List<Envelope> events = new ArrayList<>();
        long next = gap.offset();
        int count = 0;
        while (next < end && count < settings.maxRecords() && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                if (record.offset() >= end || count >= settings.maxRecords()) {
                    break;
                }
                count++;
                next = record.offset() + 1;
                if (chatId.equals(record.key())) {
                    ConsumerRecord<String, Envelope> read = ChatEventRecords.read(record);
                    if (ChatKeyGuard.rejection(read).isEmpty()) {
                        events.add(read.value());
                    } else {
                        // Refused as the feed would have refused it, had it read the record: counted and
                        // dead-lettered in the background, never replayed.
                        policy.admit(read).subscribe().with(admitted -> { });
                    }
                }
            }
            next = Math.max(next, Math.min(consumer.position(partition), end));
        }
        scanned.increment(count);
        boolean complete = next >= end;
        reads.get(complete).increment();
        Log.debugf("chatId=%s read back %d events from %d records of partition %d (offsets %d to %d of %d)",
                chatId, events.size(), count, gap.partition(), gap.offset(), next, end);
        return new GapRead(events, complete, next);
    }

    private KafkaConsumer<String, byte[]> newConsumer() {
        Map<String, Object> own = Map.of(
                ConsumerConfig.CLIENT_ID_CONFIG, "gateway-gap-read-" + created.incrementAndGet(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(kafka.with(own), new StringDeserializer(), new ByteArrayDeserializer());
    }

    @PreDestroy
    void close() throws InterruptedException {
        readers.shutdownNow();
        readers.awaitTermination(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        for (KafkaConsumer<String, byte[]> consumer = idle.poll(); consumer != null; consumer = idle.poll()) {
            consumer.close(Duration.ZERO);
        }
    }

    /**
     * @param events   the chat's events found, in partition order
     * @param complete true when the read reached the partition's end as it was when the read began
     * @param next     the first offset not read
     */
    public record GapRead(List<Envelope> events, boolean complete, long next) {
    }
}
