package io.switchboard.gateway.web;

/**
 * What the browser app needs to sign a user in: {@code local} (a token from the link {@code ./switchboard}
 * prints, or pasted) or {@code oidc} (authorization code with PKCE at the issuer, as the client named).
 */
public record SignInSettings(String mode, String issuer, String clientId, String scope) {

    public static final String LOCAL = "local";
    public static final String OIDC = "oidc";

    static SignInSettings local() {
        return new SignInSettings(LOCAL, null, null, null);
    }

    public boolean oidc() {
        return OIDC.equals(mode);
    }
}
