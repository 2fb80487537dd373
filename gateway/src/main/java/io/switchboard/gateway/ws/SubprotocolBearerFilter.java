package io.switchboard.gateway.ws;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Browsers cannot set headers on a WebSocket handshake, and a token in the URL ends up in logs. A
 * browser client therefore offers its token as a subprotocol: {@code Sec-WebSocket-Protocol:
 * switchboard.v1, bearer.<token>}. Before authentication runs, this filter moves the token into the
 * {@code Authorization} header and removes it from the offered subprotocols, so the server selects and
 * echoes only {@code switchboard.v1}.
 */
@ApplicationScoped
public class SubprotocolBearerFilter {

    static final String TOKEN_PREFIX = "bearer.";
    static final String SUBPROTOCOL = "switchboard.v1";

    /** After CORS (300), before authentication (200). */
    private static final int PRIORITY = SecurityHandlerPriorities.AUTHENTICATION + 10;
    private static final String SEC_WEBSOCKET_PROTOCOL = "Sec-WebSocket-Protocol";

    void register(@Observes Filters filters) {
        filters.register(this::moveToken, PRIORITY);
    }

    private void moveToken(RoutingContext context) {
        HttpServerRequest request = context.request();
        String offered = request.getHeader(SEC_WEBSOCKET_PROTOCOL);
        if (offered == null || !ChatSocket.PATH.equals(context.normalizedPath()) || !offered.contains(TOKEN_PREFIX)) {
            context.next();
            return;
        }
        String token = null;
        List<String> others = new ArrayList<>();
        for (String protocol : offered.split(",")) {
            String trimmed = protocol.strip();
            if (!trimmed.startsWith(TOKEN_PREFIX)) {
                others.add(trimmed);
            } else if (token != null) {
                refuse(context, "Offer one bearer.<token> subprotocol only");
                return;
            } else {
                token = trimmed.substring(TOKEN_PREFIX.length());
            }
        }
        if (token.isEmpty()) {
            refuse(context, "The bearer.<token> subprotocol carries no token");
            return;
        }
        if (request.headers().contains(HttpHeaders.AUTHORIZATION)) {
            refuse(context, "Send the token either in the Authorization header or as a subprotocol, not both");
            return;
        }
        if (others.isEmpty()) {
            refuse(context, "Offer the " + SUBPROTOCOL + " subprotocol together with bearer.<token>");
            return;
        }
        request.headers().set(SEC_WEBSOCKET_PROTOCOL, String.join(", ", others));
        request.headers().set(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        context.next();
    }

    private static void refuse(RoutingContext context, String detail) {
        String body = "{\"type\":\"urn:switchboard:problem:bad-request\",\"title\":\"Bad request\",\"status\":400,"
                + "\"detail\":\"" + detail + "\"}";
        context.response().setStatusCode(400).putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json").end(body);
    }
}
