package io.switchboard.gateway.ws;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import io.switchboard.gateway.config.WsConfig;
import io.vertx.core.http.HttpServerRequest;

/**
 * Refuses a browser handshake from a page of another origin (403), so that another site cannot open
 * the socket with a user's credentials. A handshake without {@code Origin} comes from a non-browser
 * client and is allowed; the gateway's own origin and {@code switchboard.ws.allowed-origins} are allowed.
 */
@ApplicationScoped
public class OriginCheck implements HttpUpgradeCheck {

    private final List<String> allowed;
    private final SocketMetrics metrics;

    public OriginCheck(WsConfig config, SocketMetrics metrics) {
        this.allowed = config.allowedOrigins().orElse(List.of()).stream().map(OriginCheck::normalise).toList();
        this.metrics = metrics;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        HttpServerRequest request = context.httpRequest();
        String origin = request.getHeader("Origin");
        if (origin == null || allowed(origin, request.getHeader("Host"))) {
            return CheckResult.permitUpgrade();
        }
        metrics.handshakeRejected("origin");
        Log.infof("WebSocket handshake from origin %s refused", origin);
        return CheckResult.rejectUpgrade(403);
    }

    private boolean allowed(String origin, String host) {
        if (allowed.contains("*")) {
            return true;
        }
        String normalised = normalise(origin);
        if (allowed.contains(normalised)) {
            return true;
        }
        return host != null && normalised.equals(authorityOf(normalised, host));
    }

    /** The origin the page would have if it came from this gateway under the same scheme. */
    private static String authorityOf(String origin, String host) {
        int schemeEnd = origin.indexOf("://");
        if (schemeEnd < 0) {
            return "";
        }
        return normalise(origin.substring(0, schemeEnd) + "://" + host);
    }

    /** Lower case, no trailing slash, no default port. */
    static String normalise(String origin) {
        String value = origin.strip().toLowerCase(Locale.ROOT);
        if (value.endsWith("/")) {
            value = value.substring(0, value.length() - 1);
        }
        try {
            URI uri = URI.create(value);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return value;
            }
            int port = uri.getPort();
            boolean defaultPort = port == -1 || (port == 80 && uri.getScheme().equals("http"))
                    || (port == 443 && uri.getScheme().equals("https"));
            return uri.getScheme() + "://" + uri.getHost() + (defaultPort ? "" : ":" + port);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }
}
