package io.switchboard.chat.service;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.switchboard.chat.llm.ModelEvent;

/**
 * Gathers a model's pieces of text in short windows, so one TextDelta carries many tokens instead of one Kafka
 * record per token. The first piece of each model step goes out at once, so the user sees the answer start without
 * waiting for a window; the pieces after it are gathered. Tool calls and the step's end pass through in their place,
 * after the text before them.
 */
final class DeltaCoalescer {

    /** Windows that closed while the consumer was still sending, kept in order rather than failing the stream. */
    private static final int PENDING_LIMIT = 4096;

    private DeltaCoalescer() {
    }

    static Multi<ModelEvent> coalesce(Multi<ModelEvent> events, Duration window) {
        return coalesce(events, window, Infrastructure.getDefaultWorkerPool());
    }

    static Multi<ModelEvent> coalesce(Multi<ModelEvent> events, Duration window, ScheduledExecutorService timers) {
        return Multi.createFrom().<ModelEvent>emitter(emitter -> new Gatherer(emitter, window, timers).start(events))
                .onOverflow().buffer(PENDING_LIMIT);
    }

    /**
     * One stream's state. The model's thread and the window's timer both emit, so every emission happens under
     * the gatherer's lock, which also keeps them in order.
     */
    private static final class Gatherer {

        private final MultiEmitter<? super ModelEvent> emitter;
        private final long windowNanos;
        private final ScheduledExecutorService timers;
        private final StringBuilder gathered = new StringBuilder();
        private boolean stepStarted;
        private boolean done;
        private ScheduledFuture<?> flush;
        private Cancellable upstream;

        Gatherer(MultiEmitter<? super ModelEvent> emitter, Duration window, ScheduledExecutorService timers) {
            this.emitter = emitter;
            this.windowNanos = window.toNanos();
            this.timers = timers;
        }

        void start(Multi<ModelEvent> events) {
            emitter.onTermination(this::stop);
            Cancellable subscription = events.subscribe().with(this::onEvent, this::onFailure, this::onCompletion);
            synchronized (this) {
                upstream = subscription;
                if (done) {
                    subscription.cancel();
                }
            }
        }

        private synchronized void onEvent(ModelEvent event) {
            if (done) {
                return;
            }
            if (event instanceof ModelEvent.Text piece) {
                if (!stepStarted) {
                    stepStarted = true;
                    emitter.emit(piece);
                    return;
                }
                gathered.append(piece.text());
                if (flush == null) {
                    flush = timers.schedule(this::flushWindow, windowNanos, TimeUnit.NANOSECONDS);
                }
                return;
            }
            emitGathered();
            // A tool call or the step's end: the next step's first piece goes out at once again.
            stepStarted = false;
            emitter.emit(event);
        }

        private synchronized void flushWindow() {
            flush = null;
            if (!done) {
                emitGathered();
            }
        }

        private synchronized void onFailure(Throwable failure) {
            if (!done) {
                emitGathered();
                done = true;
                emitter.fail(failure);
            }
        }

        private synchronized void onCompletion() {
            if (!done) {
                emitGathered();
                done = true;
                emitter.complete();
            }
        }

        private void emitGathered() {
            if (flush != null) {
                flush.cancel(false);
                flush = null;
            }
            if (!gathered.isEmpty()) {
                emitter.emit(new ModelEvent.Text(gathered.toString()));
                gathered.setLength(0);
            }
        }

        private synchronized void stop() {
            done = true;
            if (flush != null) {
                flush.cancel(false);
                flush = null;
            }
            if (upstream != null) {
                upstream.cancel();
            }
        }
    }
}
