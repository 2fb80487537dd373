package io.switchboard.gateway.ws;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.gateway.config.WsConfig;
import io.switchboard.kit.security.Caller;

/** The open connections of this gateway instance, and how many each user holds. */
@ApplicationScoped
public class SocketRegistry {

    private final ConcurrentMap<String, SocketSession> sessions = new ConcurrentHashMap<>();
    private final ConcurrentMap<Caller, Integer> perUser = new ConcurrentHashMap<>();
    private final WsConfig config;
    private final SocketMetrics metrics;

    public SocketRegistry(WsConfig config, SocketMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    /** Registers the session unless its user already holds the most connections allowed. */
    boolean open(SocketSession session) {
        boolean[] admitted = {false};
        perUser.compute(session.caller(), (user, count) -> {
            int current = count == null ? 0 : count;
            if (current >= config.maxConnectionsPerUser()) {
                return count;
            }
            admitted[0] = true;
            return current + 1;
        });
        if (admitted[0]) {
            sessions.put(session.id(), session);
            metrics.connectionOpened();
        }
        return admitted[0];
    }

    /** Forgets the connection; null when it was never registered or already forgotten. */
    SocketSession close(String connectionId) {
        SocketSession session = sessions.remove(connectionId);
        if (session != null) {
            perUser.computeIfPresent(session.caller(), (user, count) -> count <= 1 ? null : count - 1);
            metrics.connectionClosed();
        }
        return session;
    }

    SocketSession get(String connectionId) {
        return sessions.get(connectionId);
    }

    Collection<SocketSession> all() {
        return sessions.values();
    }

    /** Whether the user may open one more connection; the registration itself decides under a race. */
    boolean hasRoomFor(Caller user) {
        return perUser.getOrDefault(user, 0) < config.maxConnectionsPerUser();
    }
}
