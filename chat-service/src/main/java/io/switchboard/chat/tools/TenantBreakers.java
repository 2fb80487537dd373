package io.switchboard.chat.tools;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * One circuit breaker per tenant around the calls to git-workspace-service. A breaker shared by everyone would
 * let one tenant whose repository keeps failing give every other tenant's agent "service unavailable": here
 * only that tenant's tool calls rest. A refused request (4xx) says nothing about the service's health and
 * counts as a success. Breakers of quiet tenants are forgotten beyond {@link #MAX_TENANTS}.
 */
@ApplicationScoped
public class TenantBreakers {

    static final int MAX_TENANTS = 10_000;
    /** Calls the failure ratio is taken over. */
    static final int WINDOW = 10;
    static final double FAILURE_RATIO = 0.5;
    static final long OPEN_NANOS = 10_000_000_000L;

    private final Map<String, Breaker> breakers = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Breaker> eldest) {
            return size() > MAX_TENANTS;
        }
    };

    public <T> Uni<T> call(String tenantId, Supplier<Uni<T>> call) {
        Breaker breaker = breaker(tenantId);
        if (!breaker.allow(System.nanoTime())) {
            return Uni.createFrom().failure(new CircuitBreakerOpenException(
                    "The workspace calls of tenant " + tenantId + " rest after repeated failures"));
        }
        return Uni.createFrom().<T>deferred(call::get)
                .invoke(result -> breaker.record(true, System.nanoTime()))
                .onFailure().invoke(failure -> {
                    if (breaker.record(!countsAgainstService(failure), System.nanoTime())) {
                        Log.warnf("Workspace calls of tenant %s fail repeatedly: they rest for %d s", tenantId,
                                OPEN_NANOS / 1_000_000_000L);
                    }
                });
    }

    /**
     * A refused request, bad tool arguments, missing configuration or a token that could not be had say nothing
     * about the service's health.
     */
    static boolean countsAgainstService(Throwable failure) {
        return !(failure instanceof WorkspaceRejection || failure instanceof ToolArgumentException
                || failure instanceof AgentToolbox.ToolsNotConfigured || AgentToolbox.isIdentityFailure(failure));
    }

    /** Whether calls of this tenant are let through now; for tests and diagnostics. */
    boolean isOpen(String tenantId) {
        return !breaker(tenantId).wouldAllow(System.nanoTime());
    }

    private Breaker breaker(String tenantId) {
        synchronized (breakers) {
            return breakers.computeIfAbsent(tenantId, tenant -> new Breaker());
        }
    }

    /** Closed: counts the last WINDOW outcomes. Open: refuses until OPEN_NANOS passed, then lets one call probe. */
    static final class Breaker {

        private final boolean[] outcomes = new boolean[WINDOW];
        private int recorded;
        private int next;
        private long openUntil;
        private boolean open;
        private boolean probing;

        synchronized boolean allow(long now) {
            if (!open) {
                return true;
            }
            if (now >= openUntil && !probing) {
                probing = true;
                return true;
            }
            return false;
        }

        synchronized boolean wouldAllow(long now) {
            return !open || (now >= openUntil && !probing);
        }

        /** Records an outcome; true when it opened the breaker. */
        synchronized boolean record(boolean success, long now) {
            if (open) {
                probing = false;
                if (success) {
                    open = false;
                    recorded = 0;
                    next = 0;
                } else {
                    openUntil = now + OPEN_NANOS;
                }
                return false;
            }
            outcomes[next] = success;
            next = (next + 1) % WINDOW;
            recorded = Math.min(WINDOW, recorded + 1);
            if (recorded < WINDOW) {
                return false;
            }
            int failures = 0;
            for (boolean outcome : outcomes) {
                failures += outcome ? 0 : 1;
            }
            if (failures >= FAILURE_RATIO * WINDOW) {
                open = true;
                openUntil = now + OPEN_NANOS;
                return true;
            }
            return false;
        }
    }
}
