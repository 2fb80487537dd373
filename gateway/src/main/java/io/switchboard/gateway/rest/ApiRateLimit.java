package io.switchboard.gateway.rest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.switchboard.gateway.config.ApiConfig;
import io.switchboard.gateway.service.TokenBucket;
import io.switchboard.kit.problem.Problem;
import io.switchboard.kit.security.AuthConfig;

/**
 * Rate limits on the client REST API, per user and per tenant, so one client looping on a request cannot take
 * the gateway (or the services behind it) from everyone else. Beyond a limit: 429 with a problem body and
 * Retry-After in seconds. Buckets of quiet users and tenants are forgotten beyond {@link #MAX_BUCKETS}.
 */
@ApplicationScoped
public class ApiRateLimit {

    public static final String METRIC = "switchboard.gateway.api.rate.limited";
    static final int MAX_BUCKETS = 100_000;

    private final ApiConfig config;
    private final AuthConfig auth;
    private final MeterRegistry registry;
    private final JsonWebToken token;
    private final Map<String, TokenBucket> users = lru();
    private final Map<String, TokenBucket> tenants = lru();

    public ApiRateLimit(ApiConfig config, AuthConfig auth, MeterRegistry registry, JsonWebToken token) {
        this.config = config;
        this.auth = auth;
        this.registry = registry;
        this.token = token;
    }

    @ServerRequestFilter
    public Optional<Response> limit(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/api") || token.getRawToken() == null) {
            return Optional.empty();
        }
        Object tenantClaim = token.getClaim(auth.tenantClaim());
        String tenant = tenantClaim == null ? "" : tenantClaim.toString();
        String user = tenant + "/" + token.getSubject();
        long now = System.nanoTime();
        TokenBucket userBucket = bucket(users, user, config.userRequestsPerSecond(), config.userBurst(), now);
        long wait = userBucket.take(now);
        String scope = "user";
        if (wait == 0) {
            TokenBucket tenantBucket = bucket(tenants, tenant, config.tenantRequestsPerSecond(),
                    config.tenantBurst(), now);
            wait = tenantBucket.take(now);
            scope = "tenant";
            if (wait > 0) {
                userBucket.giveBack();
            }
        }
        if (wait == 0) {
            return Optional.empty();
        }
        registry.counter(METRIC, "scope", scope).increment();
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(wait) + 1);
        Log.debugf("Rate limited %s of tenant %s on %s", scope, tenant, request.getUriInfo().getPath());
        Problem problem = new Problem("urn:switchboard:problem:rate-limited", "Too many requests", 429,
                "Too many requests from this " + scope + "; try again in " + seconds + " s",
                request.getUriInfo().getPath(), null);
        return Optional.of(Response.status(429).type(Problem.MEDIA_TYPE).header("Retry-After", seconds)
                .entity(problem).build());
    }

    private static TokenBucket bucket(Map<String, TokenBucket> buckets, String key, double perSecond, int burst,
            long now) {
        synchronized (buckets) {
            return buckets.computeIfAbsent(key, k -> new TokenBucket(perSecond, burst, now));
        }
    }

    private static Map<String, TokenBucket> lru() {
        return new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, TokenBucket> eldest) {
                return size() > MAX_BUCKETS;
            }
        };
    }
}
