package io.switchboard.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The client REST API's own settings; the WebSocket side has {@link GatewayConfig}. */
@ConfigMapping(prefix = "switchboard.api")
public interface ApiConfig {

    /**
     * Most chats one broadcast may address. A broadcast is validated as a whole before anything is sent,
     * so the limit bounds both the ownership look-ups and the commands produced by one request.
     */
    @WithDefault("50")
    int broadcastMaxChats();

    /** Requests per second one user may make to {@code /api}, sustained; beyond it a 429 with Retry-After. */
    @WithDefault("50")
    double userRequestsPerSecond();

    /** Requests one user may make at once, above the sustained rate. */
    @WithDefault("100")
    int userBurst();

    /** Requests per second all users of one tenant together may make to {@code /api}, sustained. */
    @WithDefault("500")
    double tenantRequestsPerSecond();

    /** Requests all users of one tenant may make at once, above the sustained rate. */
    @WithDefault("1000")
    int tenantBurst();
}
