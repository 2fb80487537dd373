package io.switchboard.chat.tools;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the agent tools reach the chat's workspace. */
@ConfigMapping(prefix = "switchboard.tools")
public interface ToolsConfig {

    /**
     * Base URL of git-workspace-service. The REST client reads it through
     * {@code quarkus.rest-client.switchboard-workspace.url}, which application.properties points here.
     */
    @WithDefault("http://127.0.0.1:8083")
    String workspaceUrl();

    /**
     * Bearer token chat-service presents to git-workspace-service: a token the service verifies,
     * carrying the role {@code switchboard-service}, which lets it act for the tenant it names in
     * {@code X-Switchboard-Tenant}. The launcher issues one; in production take it from a secret
     * ({@code SWITCHBOARD_TOOLS_SERVICE_TOKEN}). Without it every tool answers with an error.
     */
    Optional<String> serviceToken();

    /** Longest text a tool result hands back to the model; the rest is cut with a note saying so. */
    @WithDefault("16000")
    int maxResultChars();
}
