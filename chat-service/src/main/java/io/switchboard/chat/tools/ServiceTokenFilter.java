package io.switchboard.chat.tools;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Puts chat-service's service token on every call to git-workspace-service. Without a token nothing is added,
 * and AgentToolbox does not call at all (the tools answer that they are not available).
 */
public class ServiceTokenFilter implements ClientRequestFilter {

    private final ToolsConfig config;

    public ServiceTokenFilter(ToolsConfig config) {
        this.config = config;
    }

    @Override
    public void filter(ClientRequestContext request) {
        config.serviceToken().filter(token -> !token.isBlank())
                .ifPresent(token -> request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + token.strip()));
    }
}
