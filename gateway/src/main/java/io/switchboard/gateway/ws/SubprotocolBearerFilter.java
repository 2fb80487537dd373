package io.switchboard.gateway.ws;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
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
 * <p>
 * Any offer to {@code /ws} that is not a list of subprotocol names (RFC 6455 4.1: HTTP tokens) is refused with
 * a 400 problem here, whether or not it carries a token, so that nothing a client puts in the header reaches
 * the handshake or the authentication as anything but a well-formed name.
 */
@ApplicationScoped
public class SubprotocolBearerFilter {

    static final String TOKEN_PREFIX = "bearer.";
    static final String SUBPROTOCOL = "switchboard.v1";

    /** Far above any access token seen in practice, and below the HTTP layer's limit for all headers (20K). */
    static final int MAX_OFFER_LENGTH = 16 * 1024;

    /** After CORS (300), before authentication (200). */
    private static final int PRIORITY = SecurityHandlerPriorities.AUTHENTICATION + 10;
    private static final String SEC_WEBSOCKET_PROTOCOL = "Sec-WebSocket-Protocol";
    /** The characters of an HTTP token besides letters and digits (RFC 9110 5.6.2). */
    private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

    private final SocketMetrics metrics;

    public SubprotocolBearerFilter(SocketMetrics metrics) {
        this.metrics = metrics;
    }

    void register(@Observes Filters filters) {
        filters.register(this::moveToken, PRIORITY);
    }

    private void moveToken(RoutingContext context) {
        HttpServerRequest request = context.request();
        List<String> offers = request.headers().getAll(SEC_WEBSOCKET_PROTOCOL);
        if (offers.isEmpty() || !ChatSocket.PATH.equals(context.normalizedPath())) {
            context.next();
            return;
        }
        String offered = String.join(",", offers);
        if (offered.length() > MAX_OFFER_LENGTH) {
            refuse(context, "Sec-WebSocket-Protocol is longer than " + MAX_OFFER_LENGTH + " characters");
            return;
        }
        String token = null;
        List<String> others = new ArrayList<>();
        for (String entry : offered.split(",", -1)) {
            String protocol = trimSpaces(entry);
            if (protocol.isEmpty()) {
                continue;
            }
            if (!isToken(protocol)) {
                refuse(context, "Sec-WebSocket-Protocol must list subprotocol names separated by commas");
                return;
            }
            if (!protocol.startsWith(TOKEN_PREFIX)) {
                others.add(protocol);
            } else if (token != null) {
                refuse(context, "Offer one bearer.<token> subprotocol only");
                return;
            } else {
                token = protocol.substring(TOKEN_PREFIX.length());
            }
        }
        if (token == null && others.isEmpty()) {
            refuse(context, "Sec-WebSocket-Protocol names no subprotocol");
            return;
        }
        if (token == null) {
            // A well-formed offer without a token: the Authorization header carries it, or nothing does.
            context.next();
            return;
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

    /** Strips the optional whitespace HTTP allows around list elements: spaces and tabs, nothing else. */
    private static String trimSpaces(String entry) {
        int start = 0;
        int end = entry.length();
        while (start < end && (entry.charAt(start) == ' ' || entry.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (entry.charAt(end - 1) == ' ' || entry.charAt(end - 1) == '\t')) {
            end--;
        }
        return entry.substring(start, end);
    }

    private static boolean isToken(String protocol) {
        for (int i = 0; i < protocol.length(); i++) {
            char c = protocol.charAt(i);
            boolean letterOrDigit = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!letterOrDigit && TOKEN_SYMBOLS.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private void refuse(RoutingContext context, String detail) {
        metrics.handshakeRejected("subprotocol");
        Log.debugf("WebSocket handshake refused: %s", detail);
        // The details are fixed texts of this class: nothing the client sent is echoed.
        String body = "{\"type\":\"urn:switchboard:problem:bad-request\",\"title\":\"Bad request\",\"status\":400,"
                + "\"detail\":\"" + detail + "\",\"instance\":\"" + ChatSocket.PATH + "\"}";
        context.response().setStatusCode(400).putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json").end(body);
    }
}
