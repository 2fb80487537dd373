package io.switchboard.gateway.ws;

import io.quarkus.websockets.next.CloseReason;

/**
 * Why the gateway closes a connection. Codes 4000-4999 are the application's own (RFC 6455 7.4.2);
 * Quarkus' 1008 (token expired) completes the list in docs/websocket.md.
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

    /** A message over the size limit (RFC 6455's "message too big"). */
    static final CloseReason TOO_BIG = new CloseReason(1009, "message_too_big");

    private CloseCodes() {
    }
}
