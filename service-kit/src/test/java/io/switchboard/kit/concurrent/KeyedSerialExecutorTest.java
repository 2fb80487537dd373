package io.switchboard.kit.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

class KeyedSerialExecutorTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void closeVertx() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void tasksOfOneKeyRunOneAfterAnotherInSubmissionOrder() {
        KeyedSerialExecutor<String> executor = new KeyedSerialExecutor<>();
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        List<CompletableFuture<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int n = i;
            results.add(executor.submit("chat-a", () -> {
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                log.add("start " + n);
                // Ends later, on another thread: the next task must wait for this Uni, not for the call to return.
                return Uni.createFrom().item(n).onItem().delayIt().by(Duration.ofMillis(2))
                        .invoke(() -> {
                            log.add("end " + n);
                            running.decrementAndGet();
                        });
            }).subscribeAsCompletionStage());
        }

        await().atMost(WAIT).until(() -> results.stream().allMatch(CompletableFuture::isDone));

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            expected.add("start " + i);
            expected.add("end " + i);
        }
        assertThat(log).containsExactlyElementsOf(expected);
        assertThat(mostAtOnce).hasValue(1);
        assertThat(results.get(49).join()).isEqualTo(49);
        assertThat(executor.busyKeys()).isZero();
    }

    @Test
    void aKeyWaitingForItsTaskDoesNotHoldUpAnotherKey() {
        KeyedSerialExecutor<String> executor = new KeyedSerialExecutor<>();
        CompletableFuture<String> slowGate = new CompletableFuture<>();
        CompletableFuture<String> slow = executor.submit("chat-a", () -> Uni.createFrom().completionStage(slowGate))
                .subscribeAsCompletionStage().toCompletableFuture();
        CompletableFuture<String> behindSlow = executor.submit("chat-a", () -> Uni.createFrom().item("a2"))
                .subscribeAsCompletionStage().toCompletableFuture();
        CompletableFuture<String> other = executor.submit("chat-b", () -> Uni.createFrom().item("b1"))
                .subscribeAsCompletionStage().toCompletableFuture();

        await().atMost(WAIT).until(other::isDone);
        assertThat(other.join()).isEqualTo("b1");
        assertThat(slow).isNotDone();
        assertThat(behindSlow).isNotDone();

        slowGate.complete("a1");
        await().atMost(WAIT).until(behindSlow::isDone);
        assertThat(slow.join()).isEqualTo("a1");
        assertThat(behindSlow.join()).isEqualTo("a2");
    }

    @Test
    void aFailingOrThrowingTaskDoesNotStopTheNextOne() {
        KeyedSerialExecutor<String> executor = new KeyedSerialExecutor<>();
        CompletableFuture<String> failed = executor.submit("chat-a",
                () -> Uni.createFrom().<String>failure(new IllegalStateException("refused")))
                .subscribeAsCompletionStage().toCompletableFuture();
        CompletableFuture<String> threw = executor.<String>submit("chat-a", () -> {
            throw new IllegalArgumentException("no Uni at all");
        }).subscribeAsCompletionStage().toCompletableFuture();
        CompletableFuture<String> next = executor.submit("chat-a", () -> Uni.createFrom().item("still runs"))
                .subscribeAsCompletionStage().toCompletableFuture();

        await().atMost(WAIT).until(next::isDone);
        assertThat(next.join()).isEqualTo("still runs");
        assertThat(failed).isCompletedExceptionally();
        assertThat(threw).isCompletedExceptionally();
        assertThat(failed.handle((item, failure) -> failure.getMessage()).join()).contains("refused");
        assertThat(executor.busyKeys()).isZero();
    }

    @Test
    void eachTaskStartsOnTheContextThatSubmittedIt() {
        KeyedSerialExecutor<String> executor = new KeyedSerialExecutor<>();
        Context first = vertx.getOrCreateContext();
        Context second = vertx.getOrCreateContext();
        CompletableFuture<Context> ranOnFirst = new CompletableFuture<>();
        CompletableFuture<Context> ranOnSecond = new CompletableFuture<>();
        CompletableFuture<Void> gate = new CompletableFuture<>();

        first.runOnContext(ignored -> executor.submit("chat-a", () -> {
            ranOnFirst.complete(Vertx.currentContext());
            return Uni.createFrom().completionStage(gate);
        }).subscribe().with(done -> { }));
        second.runOnContext(ignored -> executor.submit("chat-a", () -> {
            ranOnSecond.complete(Vertx.currentContext());
            return Uni.createFrom().voidItem();
        }).subscribe().with(done -> { }));

        await().atMost(WAIT).until(ranOnFirst::isDone);
        assertThat(ranOnSecond).isNotDone();
        gate.complete(null);
        await().atMost(WAIT).until(ranOnSecond::isDone);
        assertThat(ranOnFirst.join()).isSameAs(first);
        assertThat(ranOnSecond.join()).isSameAs(second);
    }

    @Test
    void serialTasksStartEveryTaskOnTheirOwnContext() {
        Context lane = vertx.getOrCreateContext();
        SerialTasks tasks = new SerialTasks(lane);
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        List<Boolean> onLane = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int n = i;
            done.add(tasks.submit(() -> {
                onLane.add(Vertx.currentContext() == lane);
                order.add(n);
                return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(1));
            }).subscribeAsCompletionStage().toCompletableFuture());
        }
        CompletableFuture<Boolean> executorOnLane = new CompletableFuture<>();
        tasks.executor().execute(() -> executorOnLane.complete(Vertx.currentContext() == lane));

        await().atMost(WAIT).until(() -> done.stream().allMatch(CompletableFuture::isDone));
        assertThat(order).containsExactlyElementsOf(IntStream.range(0, 20).boxed().toList());
        assertThat(onLane).hasSize(20).containsOnly(true);
        assertThat(executorOnLane.join()).isTrue();
    }
}
