package io.switchboard.gateway.ws;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.logging.Log;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import io.switchboard.gateway.config.WsConfig;
import io.switchboard.kit.problem.ProblemException;
import io.switchboard.kit.security.AuthConfig;
import io.switchboard.kit.security.Caller;
import io.switchboard.kit.security.CurrentCaller;

/**
 * Refuses the handshake of a user who already holds the most connections allowed (429), and of a token
 * that names no tenant or subject (403). Anonymous handshakes are left to the endpoint's
 * {@code @Authenticated}, which answers 401.
 */
@ApplicationScoped
public class ConnectionLimitCheck implements HttpUpgradeCheck {

    private final SocketRegistry registry;
    private final AuthConfig authConfig;
    private final WsConfig config;
    private final SocketMetrics metrics;

    public ConnectionLimitCheck(SocketRegistry registry, AuthConfig authConfig, WsConfig config, SocketMetrics metrics) {
        this.registry = registry;
        this.authConfig = authConfig;
        this.config = config;
        this.metrics = metrics;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        return context.securityIdentity().chain(identity -> {
            if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
                return CheckResult.permitUpgrade();
            }
            Caller caller;
            try {
                caller = CurrentCaller.of(token, authConfig);
            } catch (ProblemException e) {
                metrics.handshakeRejected("no_tenant");
                return CheckResult.rejectUpgrade(403);
            }
            if (!registry.hasRoomFor(caller)) {
                metrics.handshakeRejected("connection_limit");
                Log.infof("WebSocket handshake refused: user already holds %d connections",
                        config.maxConnectionsPerUser());
                return CheckResult.rejectUpgrade(429);
            }
            return CheckResult.permitUpgrade();
        });
    }
}
