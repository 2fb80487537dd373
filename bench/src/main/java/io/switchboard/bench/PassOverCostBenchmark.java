package io.switchboard.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

import io.quarkus.runtime.configuration.MemorySize;
import io.switchboard.events.Envelope;
import io.switchboard.events.Topics;
import io.switchboard.events.chat.TextDelta;
import io.switchboard.events.kafka.EnvelopeSerializer;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.gateway.fanout.ChatFanout;
import io.switchboard.gateway.fanout.EventStream;
import io.switchboard.gateway.messaging.ChatEventRecords;

/**
 * What the gateway's own code spends on one chat.events record of a chat none of its sockets follows, in process and
 * without Kafka: A passes it over (type header, followed-chat lookup, gap note), as a follow-only gateway does; B reads
 * it (parse, render the frame, retain), as a gateway reading everything does. The records are TextDeltas of many
 * chats with the headers and bytes the services' serializer writes. Thread CPU time per record, rounds alternating
 * A and B after a warm-up; the Kafka client's fetching, which both pay alike, is not in it (see the follow-only
 * benchmark for the whole gateway).
 */
public final class PassOverCostBenchmark {

    private PassOverCostBenchmark() {
    }

    public static void main(String[] args) {
        Properties p = System.getProperties();
        int chats = BenchSettings.intValue(p, "bench.pass-over.chats", 100_000);
        int warmups = BenchSettings.intValue(p, "bench.pass-over.warmup-rounds", 5);
        int rounds = BenchSettings.intValue(p, "bench.pass-over.rounds", 7);
        BenchSettings.requirePositive(chats, "bench.pass-over.chats");
        BenchSettings.requirePositive(rounds, "bench.pass-over.rounds");
        List<ConsumerRecord<String, byte[]>> records = records(chats);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        ChatFanout passing = new ChatFanout(config());
        long[] passOver = new long[rounds];
        long[] read = new long[rounds];
        long passedOver = 0;
        for (int round = -warmups; round < rounds; round++) {
            long started = threads.getCurrentThreadCpuTime();
            passedOver += passOver(passing, records);
            long between = threads.getCurrentThreadCpuTime();
            readAll(new ChatFanout(config()), records);
            long ended = threads.getCurrentThreadCpuTime();
            if (round >= 0) {
                passOver[round] = between - started;
                read[round] = ended - between;
            }
        }
        if (passedOver != (long) records.size() * (warmups + rounds)) {
            throw new IllegalStateException("A record was read instead of passed over: " + passedOver);
        }
        print(chats, warmups, rounds, passOver, read, passing);
    }

    private static long passOver(ChatFanout fanout, List<ConsumerRecord<String, byte[]>> records) {
        long passed = 0;
        for (ConsumerRecord<String, byte[]> record : records) {
            if (ChatEventRecords.mayPassOver(record)
                    && fanout.passOver(record.key(), record.partition(), record.offset())) {
                passed++;
            }
        }
        return passed;
    }

    private static void readAll(ChatFanout fanout, List<ConsumerRecord<String, byte[]>> records) {
        for (ConsumerRecord<String, byte[]> record : records) {
            Envelope event = ChatEventRecords.read(record).value();
            fanout.publish(EventStream.CHAT, event);
        }
    }

    /** One TextDelta per chat, as the chat-service's serializer writes it, with its type header. */
    private static List<ConsumerRecord<String, byte[]>> records(int chats) {
        EnvelopeSerializer serializer = new EnvelopeSerializer();
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>(chats);
        UUID turn = UUID.randomUUID();
        for (int i = 0; i < chats; i++) {
            String chatId = UUID.randomUUID().toString();
            RecordHeaders headers = new RecordHeaders();
            Envelope event = Envelope.of(chatId, "tenant-pass-over", 3, turn,
                    new TextDelta("a realistic forty character long delta " + (i % 10)));
            byte[] value = serializer.serialize(Topics.CHAT_EVENTS, headers, event);
            records.add(new ConsumerRecord<>(Topics.CHAT_EVENTS, i % 12, i, System.currentTimeMillis(),
                    TimestampType.CREATE_TIME, chatId.length(), value.length, chatId, value, headers,
                    Optional.empty()));
        }
        return records;
    }

    private static void print(int chats, int warmups, int rounds, long[] passOver, long[] read, ChatFanout passing) {
        FigureTable table = new FigureTable(System.out);
        table.title("Pass-over cost: the gateway's own CPU per record of a chat no socket of it follows");
        table.row("Records per round", String.format("%,d TextDeltas, one for each of %,d chats", chats, chats));
        table.row("Rounds", String.format("%d warm-up, then %d measured, A and B alternating", warmups, rounds));
        table.row("A pass over, ns per record (median, min-max)", perRecord(passOver, chats));
        table.row("B read (parse, render, retain), ns per record", perRecord(read, chats));
        table.row("A: CPU-seconds in the measured rounds", String.format("%.3f", sum(passOver) / 1e9));
        table.row("B: CPU-seconds in the measured rounds", String.format("%.3f", sum(read) / 1e9));
        table.row("Chats with a gap noted (A)", String.format("%,d", passing.passedOverChats()));
        table.rule();
    }

    private static String perRecord(long[] nanos, int records) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format("%.0f (%.0f-%.0f)", (double) sorted[sorted.length / 2] / records,
                (double) sorted[0] / records, (double) sorted[sorted.length - 1] / records);
    }

    private static long sum(long[] values) {
        return Arrays.stream(values).sum();
    }

    private static GatewayConfig config() {
        return new GatewayConfig() {
            @Override
            public String instanceId() {
                return "pass-over-cost";
            }

            @Override
            public int retainedEventsPerChat() {
                return 512;
            }

            @Override
            public MemorySize retainedBytesPerChat() {
                return new MemorySize(BigInteger.valueOf(1 << 20));
            }

            @Override
            public MemorySize retainedBytesTotal() {
                return new MemorySize(BigInteger.valueOf(256L << 20));
            }

            @Override
            public Duration replayWindow() {
                return Duration.ofMinutes(5);
            }

            @Override
            public Duration membershipCacheTtl() {
                return Duration.ofSeconds(30);
            }

            @Override
            public boolean followOnly() {
                return true;
            }

            @Override
            public GapReads gapReads() {
                throw new UnsupportedOperationException("nothing is read back in process");
            }
        };
    }
}
