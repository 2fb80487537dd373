package io.switchboard.gateway.ws;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import io.switchboard.infra.auth.LocalKeys;
import io.switchboard.testing.TestTokens;

/**
 * Tokens the gateway must refuse, or that expire soon. They are signed with the test infrastructure's
 * key, which the testing module keeps in a system property of the test JVM.
 */
final class SocketTokens {

    private SocketTokens() {
    }

    static String expired(String tenant, String user) {
        return keys().issueToken(TestTokens.ISSUER, tenant, user, TestTokens.DEFAULT_ROLES, Duration.ofMinutes(-10));
    }

    static String validFor(String tenant, String user, Duration validity) {
        return keys().issueToken(TestTokens.ISSUER, tenant, user, TestTokens.DEFAULT_ROLES, validity);
    }

    static String wrongIssuer(String tenant, String user) {
        return keys().issueToken("https://someone-else.example", tenant, user, TestTokens.DEFAULT_ROLES,
                Duration.ofHours(1));
    }

    static String signedByAnotherKey(String tenant, String user) {
        return LocalKeys.ephemeral().issueToken(TestTokens.ISSUER, tenant, user, TestTokens.DEFAULT_ROLES,
                Duration.ofHours(1));
    }

    /** A valid token whose claims were changed to another tenant after signing. */
    static String tampered(String tenant, String user, String otherTenant) {
        String[] parts = TestTokens.bearer(tenant, user).split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"tenant\":\"" + tenant + "\"", "\"tenant\":\"" + otherTenant + "\"");
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        return parts[0] + "." + forged + "." + parts[2];
    }

    private static LocalKeys keys() {
        // Set by the testing module's infrastructure, which signs TestTokens with the same key.
        return LocalKeys.fromPrivateKeyPem(System.getProperty("switchboard.test.oidc.private-key-pem"));
    }
}
