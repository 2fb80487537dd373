package io.switchboard.chat.llm.provider;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.switchboard.chat.llm.ChatModel;
import io.switchboard.chat.llm.ModelDescription;
import io.switchboard.chat.llm.ModelEvent;
import io.switchboard.chat.llm.ModelException;
import io.switchboard.chat.llm.ModelRequest;

/**
 * Guards a provider model. A retryable failure before the first event reached the caller is retried, with a
 * doubling backoff, up to the policy's count; once an event went out, failures pass through untouched, because a
 * retry would repeat what the user already saw. A provider that sends nothing for too long, before its first
 * event or between two, fails the attempt with {@code provider_timeout} and its request is aborted.
 */
public final class RetryBeforeFirstToken implements ChatModel {

    private final ProviderModel delegate;
    private final RetryPolicy policy;
    private final ScheduledExecutorService timer;

    public RetryBeforeFirstToken(ProviderModel delegate, RetryPolicy policy, ScheduledExecutorService timer) {
        this.delegate = delegate;
        this.policy = policy;
        this.timer = timer;
    }

    @Override
    public ModelDescription description() {
        return delegate.description();
    }

    @Override
    public Multi<ModelEvent> stream(ModelRequest request) {
        return Multi.createFrom().deferred(() -> attempt(request, 0, new AtomicBoolean()));
    }

    private Multi<ModelEvent> attempt(ModelRequest request, int retry, AtomicBoolean started) {
        return watched(request)
                .onItem().invoke(() -> started.set(true))
                .onFailure(failure -> !started.get() && retry < policy.maxRetries() && retryable(failure))
                .recoverWithMulti(failure -> {
                    Duration delay = policy.delayBefore(retry);
                    ModelException model = (ModelException) failure;
                    Log.warnf("chatId=%s model %s: %s (%s); retry %d of %d in %d ms", request.chatId(), name(),
                            model.reason(), model.getMessage(), retry + 1, policy.maxRetries(), delay.toMillis());
                    return Uni.createFrom().voidItem()
                            .onItem().delayIt().onExecutor(timer).by(delay)
                            .onItem().transformToMulti(ignored -> attempt(request, retry + 1, started));
                });
    }

    private static boolean retryable(Throwable failure) {
        return failure instanceof ModelException model && model.retryable();
    }

    /** One attempt under the first-event and idle timeouts. */
    private Multi<ModelEvent> watched(ModelRequest request) {
        return Multi.createFrom().emitter(emitter -> {
            Watchdog watchdog = new Watchdog(emitter, request);
            AtomicReference<Cancellable> upstream = new AtomicReference<>();
            emitter.onTermination(() -> {
                watchdog.stop();
                Cancellable subscription = upstream.get();
                if (subscription != null) {
                    subscription.cancel();
                }
            });
            watchdog.start(() -> {
                Cancellable subscription = upstream.get();
                if (subscription != null) {
                    subscription.cancel();
                }
            });
            upstream.set(delegate.stream(request, watchdog::progress).subscribe().with(
                    event -> {
                        watchdog.progress();
                        watchdog.eventSent();
                        emitter.emit(event);
                    },
                    failure -> {
                        watchdog.stop();
                        emitter.fail(failure);
                    },
                    () -> {
                        watchdog.stop();
                        emitter.complete();
                    }));
            if (emitter.isCancelled() || watchdog.stopped) {
                // Ended while subscribing (cancelled, or timed out already): nothing may keep the request open.
                upstream.get().cancel();
            }
        });
    }

    /**
     * Fails the attempt when the provider stays quiet too long. One timer at a time: when it fires early because
     * there was progress meanwhile, it is set again for the new deadline, so a busy stream costs no rescheduling.
     */
    private final class Watchdog {

        private final MultiEmitter<? super ModelEvent> emitter;
        private final ModelRequest request;
        private final AtomicReference<ScheduledFuture<?>> timeout = new AtomicReference<>();
        private volatile long lastProgress = System.nanoTime();
        private volatile boolean progressed;
        private volatile boolean eventSent;
        private volatile boolean stopped;
        private Runnable onTimeout;

        Watchdog(MultiEmitter<? super ModelEvent> emitter, ModelRequest request) {
            this.emitter = emitter;
            this.request = request;
        }

        void start(Runnable abort) {
            this.onTimeout = abort;
            schedule(policy.firstEventTimeout());
        }

        void progress() {
            lastProgress = System.nanoTime();
            if (!progressed) {
                progressed = true;
                // From now on the (usually shorter) idle timeout applies: move the timer to its deadline.
                ScheduledFuture<?> pending = timeout.getAndSet(null);
                if (pending != null) {
                    pending.cancel(false);
                }
                schedule(policy.idleTimeout());
            }
        }

        void eventSent() {
            eventSent = true;
        }

        void stop() {
            stopped = true;
            ScheduledFuture<?> pending = timeout.getAndSet(null);
            if (pending != null) {
                pending.cancel(false);
            }
        }

        private void schedule(Duration after) {
            if (stopped) {
                return;
            }
            timeout.set(timer.schedule(this::check, Math.max(1, after.toNanos()), TimeUnit.NANOSECONDS));
            if (stopped) {
                stop();
            }
        }

        private void check() {
            if (stopped) {
                return;
            }
            Duration allowed = progressed ? policy.idleTimeout() : policy.firstEventTimeout();
            long quietNanos = System.nanoTime() - lastProgress;
            if (quietNanos < allowed.toNanos()) {
                schedule(allowed.minusNanos(quietNanos));
                return;
            }
            stopped = true;
            String message = progressed
                    ? "Model " + name() + " sent nothing for " + allowed.toMillis() + " ms in the middle of the answer"
                    : "Model " + name() + " sent nothing within " + allowed.toMillis() + " ms of the request";
            Log.warnf("chatId=%s %s", request.chatId(), message);
            onTimeout.run();
            emitter.fail(new ModelException(ModelException.PROVIDER_TIMEOUT, message, !eventSent));
        }
    }
}
