package io.switchboard.chat.tools;

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
     * Whether chat-service has a service identity to call git-workspace-service with: application.properties ties
     * it to {@code quarkus.oidc-client.client-enabled}, the OAuth2 client that gets chat-service its short-lived
     * tokens (audience git-workspace-service, role {@code switchboard-service}, which lets it act for the tenant it
     * names in {@code X-Switchboard-Tenant}). The launcher sets one up; without it every tool answers with an error.
     */
    @WithDefault("false")
    boolean enabled();

    /** Longest text a tool result hands back to the model; the rest is cut with a note saying so. */
    @WithDefault("16000")
    int maxResultChars();
}
