package io.switchboard.gateway.ws;

import io.quarkus.websockets.next.CloseReason;

/**
 * Why the gateway closes a connection. Codes 4000-4999 are the application's own (RFC 6455 7.4.2);
 * the transport's 1009 (frame too large) and Quarkus' 1008 (token expired) complete the list in
 * docs/websocket.md.
 */
final class CloseCodes {

    /** The client read too slowly: reconnect and resubscribe with the last seq of each chat. */
    static final CloseReason RESYNC = new CloseReason(4001, "resync: outbound buffer full, resubscribe with afterSeq");

    /** The client kept sending faster than its rate limit after being told. */
    static final CloseReason RATE_LIMITED = new CloseReason(4002, "rate_limited");

    /** Nothing was received, not even a pong, within the idle timeout. */
    static final CloseReason IDLE = new CloseReason(4003, "idle_timeout");

    /** The user already holds the most connections allowed (a race past the handshake check). */
    static final CloseReason TOO_MANY_CONNECTIONS = new CloseReason(4004, "too_many_connections");

    private CloseCodes() {
    }
}
