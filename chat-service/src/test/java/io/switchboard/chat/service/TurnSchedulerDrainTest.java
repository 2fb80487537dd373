package io.switchboard.chat.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.chat.config.ChatConfig;

/** A stopping instance's scheduler grants no more permits and waits for those that are out. */
class TurnSchedulerDrainTest {

    private static final String TENANT = "tenant-a";

    private final TurnScheduler scheduler = new TurnScheduler(limits(4, 4), new SimpleMeterRegistry());
    private final AtomicInteger granted = new AtomicInteger();
    private Thread shutdownThread;

    @AfterEach
    void stopWaiting() {
        if (shutdownThread != null) {
            shutdownThread.interrupt();
        }
    }

    @Test
    void aDrainingSchedulerGrantsNothingMoreEvenWhenSlotsAreFree() {
        scheduler.request(new Object(), TENANT, granted::incrementAndGet);
        assertThat(scheduler.stopGranting()).as("permits out when the drain begins").isEqualTo(1);

        scheduler.request(new Object(), TENANT, granted::incrementAndGet);
        scheduler.request(new Object(), "tenant-b", granted::incrementAndGet);
        scheduler.release(TENANT);

        assertThat(granted).as("permits granted").hasValue(1);
        assertThat(scheduler.running()).isZero();
        assertThat(scheduler.ready()).as("requests left waiting for the next owner").isEqualTo(2);
    }

    @Test
    void theDrainReturnsOnceTheLastRunningTurnGivesItsPermitBack() {
        scheduler.request(new Object(), TENANT, granted::incrementAndGet);
        scheduler.request(new Object(), "tenant-b", granted::incrementAndGet);
        scheduler.stopGranting();
        CompletableFuture<Integer> drain = awaitIdleOnAnotherThread(Duration.ofMinutes(1));

        scheduler.release(TENANT);
        assertThat(shutdownThread.getState()).as("the drain, one turn still running")
                .isEqualTo(Thread.State.TIMED_WAITING);
        scheduler.release("tenant-b");

        await("drain returned").atMost(Duration.ofSeconds(10)).until(drain::isDone);
        assertThat(drain.join()).as("permits still out").isZero();
    }

    @Test
    void theDrainGivesUpAtItsTimeoutWhileATurnStillRuns() throws InterruptedException {
        scheduler.request(new Object(), TENANT, granted::incrementAndGet);
        scheduler.stopGranting();

        long start = System.nanoTime();
        int left = scheduler.awaitIdle(Duration.ofMillis(300));

        assertThat(left).as("permits still out").isEqualTo(1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("time waited")
                .isGreaterThanOrEqualTo(Duration.ofMillis(300)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void withoutADrainAGivenBackPermitGoesToTheNextRequest() {
        TurnScheduler oneSlot = new TurnScheduler(limits(1, 1), new SimpleMeterRegistry());
        oneSlot.request(new Object(), TENANT, granted::incrementAndGet);
        oneSlot.request(new Object(), TENANT, granted::incrementAndGet);
        assertThat(granted).hasValue(1);

        oneSlot.release(TENANT);

        assertThat(granted).as("the waiting request got the freed slot").hasValue(2);
    }

    /** Waits as the shutdown does, on a thread of its own; returns once that thread is waiting. */
    private CompletableFuture<Integer> awaitIdleOnAnotherThread(Duration timeout) {
        CompletableFuture<Integer> left = new CompletableFuture<>();
        shutdownThread = new Thread(() -> {
            try {
                left.complete(scheduler.awaitIdle(timeout));
            } catch (InterruptedException e) {
                left.completeExceptionally(e);
            }
        }, "shutdown");
        shutdownThread.start();
        await("drain waiting").atMost(Duration.ofSeconds(10))
                .until(() -> shutdownThread.getState() == Thread.State.TIMED_WAITING);
        return left;
    }

    private static ChatConfig limits(int maxRunning, int maxRunningPerTenant) {
        ChatConfig.Scheduling scheduling = new ChatConfig.Scheduling() {
            @Override
            public int maxRunningTurns() {
                return maxRunning;
            }

            @Override
            public int maxRunningTurnsPerTenant() {
                return maxRunningPerTenant;
            }

            @Override
            public int maxPendingTurnsPerTenant() {
                return 100;
            }

            @Override
            public int maxQueuedTurnsPerChat() {
                return 10;
            }

            @Override
            public Duration idleLaneEviction() {
                return Duration.ofMinutes(10);
            }

            @Override
            public Duration handoverTimeout() {
                return Duration.ofSeconds(20);
            }

            @Override
            public Duration drainTimeout() {
                return Duration.ZERO;
            }
        };
        return new ChatConfig() {
            @Override
            public Duration coalesceWindow() {
                return Duration.ofMillis(40);
            }

            @Override
            public Offline offline() {
                throw new UnsupportedOperationException();
            }

            @Override
            public Scheduling scheduling() {
                return scheduling;
            }

            @Override
            public Turns turns() {
                throw new UnsupportedOperationException();
            }
        };
    }
}
