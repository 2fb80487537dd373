package io.switchboard.gateway.ws;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.gateway.config.WsConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/**
 * Pings every connection each {@code ping-interval} and closes the ones that sent nothing, not even a
 * pong, within {@code idle-timeout}: a peer that vanished without closing its TCP connection would
 * otherwise hold its subscriptions forever.
 */
@ApplicationScoped
public class ConnectionKeeper {

    private static final Buffer PING = Buffer.buffer("sb");

    private final SocketRegistry registry;
    private final WsConfig config;
    private final Vertx vertx;
    private long timerId = -1;

    public ConnectionKeeper(SocketRegistry registry, WsConfig config, Vertx vertx) {
        this.registry = registry;
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent startup) {
        timerId = vertx.setPeriodic(config.pingInterval().toMillis(), ignored -> sweep());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    private void sweep() {
        long now = System.nanoTime();
        long idleNanos = config.idleTimeout().toNanos();
        for (SocketSession session : registry.all()) {
            if (now - session.lastHeardNanos() > idleNanos) {
                Log.infof("Connection %s silent for over %s: closing", session.id(), config.idleTimeout());
                session.close(CloseCodes.IDLE);
            } else {
                session.connection().sendPing(PING).subscribe().with(
                        sent -> {
                        },
                        failure -> Log.debugf("Ping to connection %s failed: %s", session.id(), failure.getMessage()));
            }
        }
    }
}
