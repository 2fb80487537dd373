package io.switchboard.gateway.ws;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.quarkus.logging.Log;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.switchboard.gateway.fanout.FrameSink;
import io.vertx.core.Context;

/**
 * A connection's bounded outbound buffer. Any thread may queue a frame: queueing never blocks and never
 * waits for the socket, so the Kafka consumer thread and other connections are never slowed by this one.
 * Frames are written in queue order on the connection's own event loop. Characters stay counted until
 * the socket has taken them; when a client reads too slowly for the count to stay under the limit, the
 * buffer is dropped and the connection closed with {@link CloseCodes#RESYNC}.
 */
final class Outbox implements FrameSink {

    private final WebSocketConnection connection;
    private final Context context;
    private final long limit;
    private final SocketMetrics metrics;
    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong pendingChars = new AtomicLong();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private volatile boolean shut;

    Outbox(WebSocketConnection connection, Context context, long limit, SocketMetrics metrics) {
        this.connection = connection;
        this.context = context;
        this.limit = limit;
        this.metrics = metrics;
    }

    @Override
    public void send(String frame) {
        enqueue(new Pending(frame, false, 0, null));
    }

    @Override
    public void sendEvent(String frame, long consumedAtNanos) {
        enqueue(new Pending(frame, true, consumedAtNanos, null));
    }

    /** Closes the connection after the frames queued so far; later frames are dropped. */
    void closeAfterQueued(CloseReason reason) {
        enqueue(new Pending("", false, 0, reason));
    }

    @Override
    public long spareCapacity() {
        return Math.max(0, limit - pendingChars.get());
    }

    /** Stops taking frames; what is queued is dropped. */
    void shut() {
        shut = true;
        queue.clear();
    }

    private void enqueue(Pending pending) {
        if (shut) {
            return;
        }
        if (pendingChars.addAndGet(pending.frame().length()) > limit) {
            overflow();
            return;
        }
        queue.add(pending);
        if (drainScheduled.compareAndSet(false, true)) {
            context.runOnContext(ignored -> drain());
        }
    }

    private void drain() {
        drainScheduled.set(false);
        Pending pending;
        while ((pending = queue.poll()) != null) {
            if (shut) {
                queue.clear();
                return;
            }
            if (pending.close() != null) {
                shut();
                close(pending.close());
                return;
            }
            Pending written = pending;
            connection.sendText(pending.frame()).subscribe().with(
                    ignored -> written(written),
                    failure -> pendingChars.addAndGet(-written.frame().length()));
        }
    }

    private void written(Pending pending) {
        pendingChars.addAndGet(-pending.frame().length());
        if (pending.event()) {
            metrics.delivered(pending.consumedAtNanos());
        }
    }

    private void overflow() {
        synchronized (this) {
            if (shut) {
                return;
            }
            shut();
        }
        metrics.slowConsumerClosed();
        Log.infof("Connection %s read too slowly (over %d characters queued): closing for resync", connection.id(), limit);
        context.runOnContext(ignored -> close(CloseCodes.RESYNC));
    }

    private void close(CloseReason reason) {
        connection.close(reason).subscribe().with(
                closed -> {
                },
                failure -> Log.debugf("Closing connection %s failed: %s", connection.id(), failure.getMessage()));
    }

    /** A frame to write, or with {@code close} set, the end of the connection. */
    private record Pending(String frame, boolean event, long consumedAtNanos, CloseReason close) {
    }
}
