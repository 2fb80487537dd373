package io.switchboard.gateway.web;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.gateway.config.WebConfig;

/**
 * The app's sign-in settings and the Content-Security-Policy that goes with them, read once from configuration:
 * an app that signs in at an OIDC provider may connect to the provider's origin, and to nothing else.
 */
@ApplicationScoped
public class SignInPolicy {

    private static final Pattern CONNECT_SRC = Pattern.compile("(?i)(connect-src)([^;]*)");

    private final SignInSettings settings;
    private final String contentSecurityPolicy;

    public SignInPolicy(WebConfig config) {
        this.settings = config.signIn().clientId()
                .map(client -> new SignInSettings(SignInSettings.OIDC, providerUrl(config.signIn().issuer()), client,
                        config.signIn().scope()))
                .orElse(SignInSettings.local());
        this.contentSecurityPolicy = settings.oidc()
                ? allowingConnectionsTo(config.contentSecurityPolicy(), origin(settings.issuer()))
                : config.contentSecurityPolicy();
    }

    public SignInSettings settings() {
        return settings;
    }

    public String contentSecurityPolicy() {
        return contentSecurityPolicy;
    }

    /** The policy with the origin added to its {@code connect-src}, or a {@code connect-src} of its own. */
    static String allowingConnectionsTo(String policy, String origin) {
        Matcher matcher = CONNECT_SRC.matcher(policy);
        if (matcher.find()) {
            return policy.substring(0, matcher.end()) + " " + origin + policy.substring(matcher.end());
        }
        return policy + "; connect-src 'self' " + origin;
    }

    private static String providerUrl(String issuer) {
        URI uri = URI.create(issuer.trim());
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    "switchboard.web.sign-in.issuer must be the provider's http(s) URL, not '" + issuer + "'");
        }
        return issuer.trim().replaceAll("/+$", "");
    }

    private static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
