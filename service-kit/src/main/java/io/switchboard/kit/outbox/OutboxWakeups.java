package io.switchboard.kit.outbox;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.logging.Log;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Wakes the relay right after a transaction that wrote outbox entries commits, in whichever instance it
 * committed: the table's insert trigger calls {@code pg_notify}, which PostgreSQL delivers only at commit, and
 * this bean listens on one pooled connection. The sweep wakes the relay too, for entries an earlier pass could
 * not publish and for anything written while the listening connection was down (it reconnects then).
 *
 * <p>Nothing starts before the application has: the scheduler runs before reactive messaging has connected the
 * relay's channel, and the relay cannot even be created until it has.
 */
@ApplicationScoped
@IfBuildProperty(name = Outbox.ENABLED, stringValue = "true")
public class OutboxWakeups {

    /** The notification channel the outbox table's insert trigger notifies. */
    public static final String NOTIFICATION_CHANNEL = "switchboard_outbox";

    private final Pool pool;
    private final OutboxRelay relay;
    private final OutboxTable table;
    private final OutboxMetrics metrics;
    private final AtomicBoolean connecting = new AtomicBoolean();
    private volatile PgConnection listening;
    private volatile boolean started;
    private volatile boolean stopped;

    public OutboxWakeups(@ReactiveDataSource(Outbox.RELAY_DATASOURCE) Pool pool, OutboxRelay relay, OutboxTable table,
            OutboxMetrics metrics) {
        this.pool = pool;
        this.relay = relay;
        this.table = table;
        this.metrics = metrics;
    }

    // Default priority: after reactive messaging's own start-up observer, which connects the channels.
    void start(@Observes StartupEvent starting) {
        started = true;
        listen();
    }

    void stop(@Observes ShutdownEvent stopping) {
        stopped = true;
        PgConnection connection = listening;
        if (connection != null) {
            connection.closeAndForget();
        }
    }

    @Scheduled(every = "${switchboard.outbox.sweep-interval}", delayed = "${switchboard.outbox.sweep-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        if (!started || stopped) {
            return Uni.createFrom().voidItem();
        }
        if (listening == null) {
            listen();
        }
        wakeRelay();
        return table.counts().invoke(metrics::counted).replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    Log.debugf("Outbox not counted this sweep: %s", failure.getMessage());
                    return null;
                });
    }

    private void wakeRelay() {
        try {
            relay.nudge();
        } catch (RuntimeException e) {
            // The relay is created on first use, and only once reactive messaging has connected its channel,
            // which on a slow start can come after the first wake-up; the next one creates it.
            Log.debugf("Outbox relay not ready yet: %s", e.getMessage());
        }
    }

    private void listen() {
        if (stopped || !connecting.compareAndSet(false, true)) {
            return;
        }
        pool.getConnection()
                .chain(connection -> {
                    PgConnection pg = PgConnection.cast(connection);
                    pg.notificationHandler(notification -> wakeRelay());
                    pg.closeHandler(() -> {
                        listening = null;
                        if (!stopped) {
                            Log.warn("Outbox notifications lost their connection; sweeps relay until it is back");
                        }
                    });
                    return pg.query("LISTEN " + NOTIFICATION_CHANNEL).execute()
                            .replaceWith(pg)
                            .onFailure().call(connection::close);
                })
                .subscribe().with(pg -> {
                    listening = pg;
                    connecting.set(false);
                    // Whatever was committed before this instance listened.
                    wakeRelay();
                }, failure -> {
                    connecting.set(false);
                    Log.warnf("Outbox notifications not listened to yet, the next sweep tries again: %s",
                            failure.getMessage());
                });
    }
}
