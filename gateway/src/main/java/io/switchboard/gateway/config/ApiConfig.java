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
}
