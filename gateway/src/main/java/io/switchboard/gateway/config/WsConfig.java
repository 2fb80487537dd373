package io.switchboard.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Limits of the client WebSocket {@code /ws}. The largest accepted frame is Quarkus'
 * {@code quarkus.websockets-next.server.max-message-size} (64 KB), enforced by the transport.
 */
@ConfigMapping(prefix = "switchboard.ws")
public interface WsConfig {

    /**
     * Browser origins ({@code scheme://host[:port]}) allowed to open the socket besides the gateway's own
     * origin; {@code *} allows any. A handshake without an {@code Origin} header (a non-browser client) is
     * always allowed; one from another origin is refused with 403.
     */
    Optional<List<String>> allowedOrigins();

    /** Most chats one connection may follow at once. */
    @WithDefault("64")
    int maxSubscriptionsPerConnection();

    /** Most projects one connection may follow the live sidebar of at once ({@code subscribe_project}). */
    @WithDefault("16")
    int maxProjectSubscriptionsPerConnection();

    /**
     * Most chats a {@code project_snapshot} lists, most recent activity first; a project with more says
     * {@code truncated}, and its older chats join the sidebar as soon as anything happens to them.
     */
    @WithDefault("1000")
    int sidebarSnapshotChats();

    /**
     * How long a live sidebar its connection let go (closed, or unsubscribed) stays live on this instance, so
     * that the same user's next {@code subscribe_project} of the project (a reload) gets its snapshot at once
     * from memory, while session-service is read again behind it; {@code 0s} keeps none.
     */
    @WithDefault("30s")
    Duration sidebarKeep();

    /** Most sidebars kept after their connection let them go, on this instance; further ones end at once. */
    @WithDefault("1000")
    int maxKeptSidebars();

    /** Most connections one user (tenant and subject) may hold open on this gateway instance. */
    @WithDefault("16")
    int maxConnectionsPerUser();

    /**
     * Most characters of frames queued for one connection and not yet written to its socket. A client
     * that falls this far behind is closed with the resync close code; a replay that alone would not
     * fit is answered with a resync frame instead.
     */
    @WithDefault("1048576")
    int outboundBufferChars();

    /** How often the gateway pings every connection. */
    @WithDefault("30s")
    Duration pingInterval();

    /** A connection that sent nothing, not even a pong, for this long is closed. */
    @WithDefault("90s")
    Duration idleTimeout();

    /**
     * How far before a {@code subscribe_inbox} a turn may have ended and still be announced: covers clock
     * differences between chat-service and the gateway, while a starting gateway re-reading its replay
     * window does not announce old turns again.
     */
    @WithDefault("10s")
    Duration inboxGrace();

    RateLimit rateLimit();

    /** A token bucket per connection over the frames a client sends. */
    interface RateLimit {

        /** Frames per second a connection may send in the long run. */
        @WithDefault("20")
        double framesPerSecond();

        /** Frames a connection may send at once after being quiet. */
        @WithDefault("40")
        int burst();

        /** Rate-limited frames in a row after which the connection is closed. */
        @WithDefault("20")
        int closeAfterRejected();
    }
}
