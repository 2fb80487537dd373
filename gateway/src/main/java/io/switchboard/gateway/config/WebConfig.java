package io.switchboard.gateway.config;

import java.util.Optional;

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
     * {@code wss:} URLs). When the app signs in at an OIDC provider, the provider's origin is added to
     * {@code connect-src}, since the browser fetches the provider's metadata and tokens itself.
     */
    @WithDefault("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'none'")
    String contentSecurityPolicy();

    /** How the app signs a user in. */
    SignIn signIn();

    interface SignIn {

        /**
         * The provider's client the app signs in with (a public client allowed the authorization code flow with
         * PKCE, redirect URI {@code <gateway origin>/auth/callback}). Unset: the app takes the local token, from
         * the link {@code ./switchboard} prints or pasted.
         */
        Optional<String> clientId();

        /**
         * The provider's issuer URL as browsers reach it; the app reads its endpoints from
         * {@code <issuer>/.well-known/openid-configuration}. By default the issuer the gateway expects in tokens.
         */
        String issuer();

        /** The scopes the app asks for. */
        @WithDefault("openid")
        String scope();
    }
}
