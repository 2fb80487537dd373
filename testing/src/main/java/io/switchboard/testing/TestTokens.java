package io.switchboard.testing;

import java.time.Duration;
import java.util.Set;

import io.switchboard.infra.auth.LocalKeys;

/**
 * Bearer tokens that services under test accept: signed with the test infrastructure's key,
 * whose public half {@link SwitchboardInfrastructureResource} hands to Quarkus OIDC. Works from
 * test code in any class loader, since the key is read from a system property.
 */
public final class TestTokens {

    /** The {@code iss} of test tokens, configured as {@code quarkus.oidc.token.issuer}. */
    public static final String ISSUER = "https://switchboard.test";
    public static final Set<String> DEFAULT_ROLES = Set.of("user");
    public static final Duration VALIDITY = Duration.ofHours(1);
    /** Role of a service token: it may act for the tenant a request names in {@code X-Switchboard-Tenant}. */
    public static final String SERVICE_ROLE = "switchboard-service";
    /** Audience of the service tokens git-workspace-service accepts. */
    public static final String WORKSPACE_AUDIENCE = "git-workspace-service";

    private static volatile CachedKeys cached;

    private TestTokens() {
    }

    /** A signed JWT for the user in the tenant with role {@code user}, valid for an hour; send it as {@code Authorization: Bearer <token>}. */
    public static String bearer(String tenantId, String userId) {
        return bearer(tenantId, userId, DEFAULT_ROLES);
    }

    /** A signed JWT for the user in the tenant with the given roles ({@code groups} claim), valid for an hour. */
    public static String bearer(String tenantId, String userId, Set<String> roles) {
        return keys().issueToken(ISSUER, tenantId, userId, roles, VALIDITY);
    }

    /**
     * chat-service's token for git-workspace-service, as the token endpoint gives it: audience
     * {@value #WORKSPACE_AUDIENCE}, role {@value #SERVICE_ROLE}, no tenant, valid for an hour.
     */
    public static String service() {
        return service("chat-service");
    }

    /** A service token for git-workspace-service whose subject is the named service. */
    public static String service(String serviceName) {
        return serviceToken(serviceName, WORKSPACE_AUDIENCE, Set.of(SERVICE_ROLE), VALIDITY);
    }

    /** A service token with the given audience, roles and lifetime (negative: expired that long ago). */
    public static String serviceToken(String serviceName, String audience, Set<String> roles, Duration validity) {
        return keys().issueServiceToken(ISSUER, serviceName, audience, roles, validity);
    }

    /** A user's token, signed with the right key and issuer, for another audience than the API's. */
    public static String forAudience(String audience, String tenantId, String userId, Set<String> roles) {
        return keys().issueToken(ISSUER, tenantId, userId, roles, audience, VALIDITY);
    }

    /** A token signed with the right key and issuer that expired ten minutes ago: services must refuse it. */
    public static String expired(String tenantId, String userId) {
        return keys().issueToken(ISSUER, tenantId, userId, DEFAULT_ROLES, Duration.ofMinutes(-10));
    }

    /** A token signed with the right key but naming another issuer: services must refuse it. */
    public static String fromIssuer(String issuer, String tenantId, String userId) {
        return keys().issueToken(issuer, tenantId, userId, DEFAULT_ROLES, VALIDITY);
    }

    private static LocalKeys keys() {
        String pem = TestInfrastructure.privateKeyPem();
        CachedKeys current = cached;
        if (current == null || !current.pem().equals(pem)) {
            current = new CachedKeys(pem, LocalKeys.fromPrivateKeyPem(pem));
            cached = current;
        }
        return current.keys();
    }

    private record CachedKeys(String pem, LocalKeys keys) {
    }
}
