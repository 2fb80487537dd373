package io.switchboard.chat.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.utils.Utils;
import org.awaitility.Awaitility;

import io.switchboard.events.Envelope;
import io.switchboard.events.EventPayload;
import io.switchboard.events.Topics;
import io.switchboard.events.command.Delivery;
import io.switchboard.events.command.SendMessage;
import io.switchboard.events.json.EventJson;
import io.switchboard.infra.InfraSettings;
import io.switchboard.testing.kafka.RawProducer;
import io.switchboard.testing.kafka.RecordCollector;

/** Sends commands to chat-service the way the gateway does and reads back what it publishes. */
public final class ChatDriver implements AutoCloseable {

    public static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final RecordCollector events = RecordCollector.fromEnd(Topics.CHAT_EVENTS);
    private final RawProducer producer = RawProducer.create();

    public void send(String chatId, String tenantId, String clientMessageId, String text) {
        command(chatId, tenantId, new SendMessage(clientMessageId, "alice", text, "offline"));
    }

    public void sendNow(String chatId, String tenantId, String clientMessageId, String text) {
        command(chatId, tenantId, new SendMessage(clientMessageId, "alice", text, "offline", Delivery.NOW));
    }

    public void command(String chatId, String tenantId, EventPayload payload) {
        Envelope command = Envelope.of(chatId, tenantId, 0, null, payload);
        producer.send(Topics.CHAT_COMMANDS, chatId, EventJson.toBytes(command));
    }

    /** Sends a command with these record headers (a trace context, say). */
    public void command(String chatId, String tenantId, EventPayload payload, List<Header> headers) {
        Envelope command = Envelope.of(chatId, tenantId, 0, null, payload);
        producer.send(new ProducerRecord<>(Topics.CHAT_COMMANDS, null, chatId, EventJson.toBytes(command), headers));
    }

    /** The chat's chat.events records as Kafka holds them, headers included, each checked to be keyed by chatId. */
    public List<ConsumerRecord<String, byte[]>> records(String chatId) {
        List<ConsumerRecord<String, byte[]>> records = events.records().stream()
                .filter(r -> chatId.equals(r.key())).toList();
        assertThat(records).allSatisfy(r -> assertThat(EventJson.fromBytes(r.value()).chatId()).isEqualTo(chatId));
        return records;
    }

    /** Publishes a session.lifecycle event as session-service would. */
    public void lifecycle(String chatId, String tenantId, long seq, EventPayload payload) {
        Envelope event = Envelope.of(chatId, tenantId, seq, null, payload);
        producer.send(Topics.SESSION_LIFECYCLE, chatId, EventJson.toBytes(event));
    }

    /** The chat.commands (and chat.events) partition of a chat, as the default partitioner picks it. */
    public static int partitionOf(String chatId) {
        return Utils.toPositive(Utils.murmur2(chatId.getBytes(StandardCharsets.UTF_8)))
                % InfraSettings.DEFAULT_PARTITIONS;
    }

    /** A new chatId whose records land on the same partition as {@code chatId}'s. */
    public static String chatOnPartitionOf(String chatId) {
        int partition = partitionOf(chatId);
        while (true) {
            String candidate = UUID.randomUUID().toString();
            if (partitionOf(candidate) == partition) {
                return candidate;
            }
        }
    }

    /** The chat's events so far, checking that every record is keyed by its chatId. */
    public List<Envelope> events(String chatId) {
        List<ConsumerRecord<String, byte[]>> records = events.records().stream()
                .filter(r -> chatId.equals(r.key())).toList();
        List<Envelope> envelopes = records.stream().map(r -> EventJson.fromBytes(r.value())).toList();
        assertThat(envelopes).allSatisfy(e -> assertThat(e.chatId()).isEqualTo(chatId));
        return envelopes;
    }

    /** Waits for an event of the chat that matches, and returns it. */
    public Envelope await(String chatId, Predicate<Envelope> matching) {
        Awaitility.await().atMost(TIMEOUT).until(() -> events(chatId).stream().anyMatch(matching));
        return events(chatId).stream().filter(matching).findFirst().orElseThrow();
    }

    public Envelope await(String chatId, Class<? extends EventPayload> type, UUID turnId) {
        return await(chatId, e -> type.isInstance(e.payload()) && turnId.equals(e.turnId()));
    }

    /** The turnId chat-service gave the message. */
    public UUID turnOf(String chatId, String clientMessageId) {
        return await(chatId, e -> e.type().equals("TurnQueued")
                && e.payload() instanceof io.switchboard.events.chat.TurnQueued queued
                && queued.clientMessageId().equals(clientMessageId)).turnId();
    }

    /** Waits until the chat has this many turn endings (completed, failed or cancelled). */
    public List<Envelope> awaitEndings(String chatId, int endings) {
        Awaitility.await().atMost(TIMEOUT).until(() -> endings(events(chatId)) >= endings);
        return events(chatId);
    }

    public static long endings(List<Envelope> stream) {
        return stream.stream().filter(ChatDriver::isEnding).count();
    }

    public static boolean isEnding(Envelope event) {
        return switch (event.type()) {
            case "TurnCompleted", "TurnFailed", "TurnCancelled" -> true;
            default -> false;
        };
    }

    /** Asserts seq runs 1, 2, 3... without a gap or a repeat. */
    public static void assertGapless(List<Envelope> stream) {
        for (int i = 0; i < stream.size(); i++) {
            assertThat(stream.get(i).seq()).as("seq at index %d", i).isEqualTo(i + 1L);
        }
    }

    @Override
    public void close() {
        events.close();
        producer.close();
    }
}
