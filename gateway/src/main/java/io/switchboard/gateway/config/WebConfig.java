package io.switchboard.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The browser app the gateway serves at {@code /}. */
@ConfigMapping(prefix = "switchboard.web")
public interface WebConfig {

    /** Whether the gateway serves the app at all; an API-only deployment turns it off. */
    @WithDefault("true")
    boolean enabled();

    /**
     * The Content-Security-Policy of the app's pages. Scripts and styles only from the gateway's own origin
     * (the bundle has no inline script), connections only to it ({@code 'self'} covers its {@code ws:} and
     * {@code wss:} URLs); a deployment that signs in at an OIDC provider adds the provider's origin to
     * {@code connect-src}.
     */
    @WithDefault("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'none'")
    String contentSecurityPolicy();
}
