package io.switchboard.bench;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import io.switchboard.events.Envelope;
import io.switchboard.events.Topics;
import io.switchboard.events.chat.TextDelta;
import io.switchboard.events.kafka.EnvelopeSerializer;
import io.switchboard.infra.kafka.KafkaClassLoading;

/**
 * TextDeltas of chats nobody follows, written straight to chat.events at a fixed rate, as chat-service would
 * write them for chats whose clients are on other gateways: keyed by chatId, with the project's own serializer
 * (so each record names its type in the {@code switchboard.type} header), consecutive seqs per chat, one turn per
 * chat. The records go round robin over the chats aimed at, so each chat's records come evenly spread.
 * <p>
 * Only TextDeltas: a turn-boundary record is read by every gateway whatever it follows, and would make it look up
 * the owner of a chat that does not exist in session-service.
 */
final class ForeignLoad implements AutoCloseable {

    static final String TENANT = "tenant-follow-foreign";
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    private static final String[] WORDS = {"the", "stream", "carries", "tokens", "of", "an", "answer", "while",
        "other", "gateways", "follow", "their", "own", "chats", "and", "this", "one", "passes", "over", "them"};
    private static final int TEXTS = 64;

    private final KafkaProducer<String, Envelope> producer;
    private final int rate;
    private final String[] chatIds;
    private final UUID[] turnIds;
    private final long[] seqs;
    private final String[] texts = new String[TEXTS];
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Thread thread;
    private volatile Aim aim = new Aim(0, 0, System.nanoTime());
    private volatile boolean closed;
    private volatile String firstFailure;

    /** Chats {@code first} .. {@code first + count - 1} get the records from {@code since} on; none when 0. */
    private record Aim(int first, int count, long since) {
    }

    /**
     * @param chats all the chats the run will aim at, over all its stages
     */
    ForeignLoad(String bootstrapServers, int rate, int chats) {
        this.producer = KafkaClassLoading.create(() -> new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new EnvelopeSerializer()));
        this.rate = rate;
        this.chatIds = new String[chats];
        this.turnIds = new UUID[chats];
        this.seqs = new long[chats];
        for (int i = 0; i < chats; i++) {
            chatIds[i] = UUID.randomUUID().toString();
            turnIds[i] = UUID.randomUUID();
        }
        for (int i = 0; i < TEXTS; i++) {
            texts[i] = text(i);
        }
        this.thread = new Thread(this::produce, "follow-foreign-load");
        thread.setDaemon(true);
        thread.start();
    }

    /** About 40 characters of words, different for each index: what one coalesced TextDelta holds. */
    private static String text(int index) {
        StringBuilder text = new StringBuilder();
        for (int word = index; text.length() < 36; word += 7) {
            text.append(WORDS[word % WORDS.length]).append(' ');
        }
        return text.toString();
    }

    /** From now on the records go to chats {@code first} .. {@code first + count - 1}; 0 chats pause the load. */
    void aim(int first, int count) {
        if (first < 0 || count < 0 || first + count > chatIds.length) {
            throw new IllegalArgumentException("chats " + first + " + " + count + " of " + chatIds.length);
        }
        aim = new Aim(first, count, System.nanoTime());
    }

    /** Records handed to the producer so far. */
    long sent() {
        return sent.get();
    }

    /** Records the broker did not take. */
    long failed() {
        return failed.get();
    }

    String firstFailure() {
        return firstFailure;
    }

    /**
     * Keeps the count sent since the current aim at {@code rate x elapsed}, a few records every tick, so that a
     * late tick is made up at once rather than lowering the rate.
     */
    private void produce() {
        Aim current = aim;
        long sentForAim = 0;
        int next = 0;
        while (!closed) {
            if (aim != current) {
                current = aim;
                sentForAim = 0;
                next = 0;
            }
            if (current.count() > 0) {
                long due = (System.nanoTime() - current.since()) * rate / TimeUnit.SECONDS.toNanos(1);
                for (; sentForAim < due && !closed; sentForAim++) {
                    send(current.first() + next);
                    next = (next + 1) % current.count();
                }
            }
            LockSupport.parkNanos(TICK_NANOS);
        }
    }

    private void send(int chat) {
        long seq = ++seqs[chat];
        Envelope envelope = Envelope.of(chatIds[chat], TENANT, seq, turnIds[chat],
                new TextDelta(texts[(int) (seq % TEXTS)]));
        producer.send(new ProducerRecord<>(Topics.CHAT_EVENTS, envelope.chatId(), envelope), (metadata, failure) -> {
            if (failure != null) {
                if (failed.getAndIncrement() == 0) {
                    firstFailure = failure.toString();
                }
            }
        });
        sent.incrementAndGet();
    }

    @Override
    public void close() {
        closed = true;
        try {
            thread.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(10));
    }
}
