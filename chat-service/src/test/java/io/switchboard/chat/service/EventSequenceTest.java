package io.switchboard.chat.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.switchboard.events.Envelope;
import io.switchboard.events.chat.TextDelta;

/**
 * How one chat's events reach Kafka when sends fail. The broker is played by the test: each send returns a stage
 * the test completes or fails, as Kafka's producer would (a refused batch, a delivery timeout, a record too large).
 */
class EventSequenceTest {

    private static final String CHAT = UUID.randomUUID().toString();
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final List<Envelope> sent = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<Void>> acks = new CopyOnWriteArrayList<>();
    private final AtomicInteger retries = new AtomicInteger();
    private final EventSequence sequence = new EventSequence(CHAT, "tenant-a", 7, this::send, retries::incrementAndGet,
            Runnable::run);

    @Test
    void eventsGoOutOneAtATimeNumberedAfterTheLastAcknowledgedSeq() {
        CompletableFuture<Envelope> first = publish("a");
        CompletableFuture<Envelope> second = publish("b");

        assertThat(sentSeqs()).as("the second waits for the first's acknowledgement").containsExactly(8L);
        acknowledge(0);
        assertThat(first).isCompletedWithValueMatching(event -> event.seq() == 8);
        assertThat(sentSeqs()).containsExactly(8L, 9L);
        acknowledge(1);
        assertThat(second.join().seq()).isEqualTo(9);
        assertThat(sequence.lastSeq()).isEqualTo(9);
    }

    @Test
    void aSendKafkaDidNotAcknowledgeGoesOutAgainWithItsSeqAheadOfWhatFollows() {
        CompletableFuture<Envelope> first = publish("a");
        CompletableFuture<Envelope> second = publish("b");

        fail(0, new TimeoutException("Expiring 1 record(s): 3000 ms has passed since batch creation"));
        Awaitility.await().atMost(WAIT).until(() -> sent.size() == 2);
        fail(1, new NotEnoughReplicasException("not enough replicas"));
        Awaitility.await().atMost(WAIT).until(() -> sent.size() == 3);
        assertThat(first).isNotDone();
        acknowledge(2);
        Awaitility.await().atMost(WAIT).until(() -> sent.size() == 4);
        acknowledge(3);

        assertThat(sentSeqs()).containsExactly(8L, 8L, 8L, 9L);
        assertThat(sent.subList(0, 3)).extracting(e -> ((TextDelta) e.payload()).text()).containsOnly("a");
        assertThat(first.join().seq()).isEqualTo(8);
        assertThat(second.join().seq()).isEqualTo(9);
        assertThat(retries).hasValue(2);
    }

    @Test
    void aRecordKafkaCanNeverTakeFailsItsCallerAndLeavesItsSeqToTheNext() {
        CompletableFuture<Envelope> tooLarge = publish("huge");
        CompletableFuture<Envelope> next = publish("b");

        fail(0, new RecordTooLargeException("The message is 2000000 bytes"));
        acknowledge(1);

        assertThat(tooLarge).isCompletedExceptionally();
        assertThat(next.join().seq()).isEqualTo(8);
        assertThat(retries).hasValue(0);
    }

    @Test
    void anAbandonedSequenceFailsWhatWaitsAndSendsNothingMore() {
        CompletableFuture<Envelope> inFlight = publish("a");
        CompletableFuture<Envelope> waiting = publish("b");

        sequence.abandon();
        fail(0, new TimeoutException("broker unreachable"));

        assertThat(inFlight).isCompletedExceptionally();
        assertThat(waiting).isCompletedExceptionally();
        assertThat(sent).hasSize(1);
        assertThatThrownBy(() -> publish("c").join()).hasMessageContaining("handed over");
        assertThat(sequence.lastSeq()).isEqualTo(7);
    }

    private CompletableFuture<Envelope> publish(String text) {
        Uni<Envelope> published = sequence.publish(null, new TextDelta(text));
        return published.subscribeAsCompletionStage();
    }

    private synchronized CompletionStage<Void> send(Envelope event) {
        CompletableFuture<Void> ack = new CompletableFuture<>();
        sent.add(event);
        acks.add(ack);
        return ack;
    }

    private void acknowledge(int send) {
        acks.get(send).complete(null);
    }

    private void fail(int send, RuntimeException failure) {
        acks.get(send).completeExceptionally(failure);
    }

    private List<Long> sentSeqs() {
        return sent.stream().map(Envelope::seq).toList();
    }
}
