package io.switchboard.kit.security;

import java.util.Set;

import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonString;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.switchboard.events.Identifiers;
import io.switchboard.kit.problem.ProblemException;

/** The {@link Caller} of the current request, derived from its verified token. */
@RequestScoped
public class CurrentCaller {

    private final JsonWebToken token;
    private final AuthConfig config;

    public CurrentCaller(JsonWebToken token, AuthConfig config) {
        this.token = token;
        this.config = config;
    }

    public Caller get() {
        return of(token, config);
    }

    /** The token's bearer header value, to call another service as the same caller. */
    public String bearer() {
        return "Bearer " + token.getRawToken();
    }

    /**
     * The caller a verified token names. A token that is not a user's token for the API (no
     * {@link AuthConfig#userAudience()} among its audiences: a service's token) is refused with 403. A token
     * without tenant or subject, or whose tenant or subject is no
     * usable id (not a text, too long, control characters: see {@link Identifiers}), is refused with 403: those
     * ids go into every row and record the caller makes, where such a value would be refused much later.
     */
    public static Caller of(JsonWebToken token, AuthConfig config) {
        Set<String> audience = token.getAudience();
        if (audience == null || !audience.contains(config.userAudience())) {
            throw new ProblemException(403, "urn:switchboard:problem:not-a-user-token", "Forbidden",
                    "This request takes a user's token for the Switchboard API; this token is meant for another"
                            + " audience");
        }
        String tenant = text(token.getClaim(config.tenantClaim()));
        String user = token.getSubject();
        if (tenant == null || tenant.isBlank() || user == null || user.isBlank()) {
            throw new ProblemException(403, "urn:switchboard:problem:no-tenant", "Forbidden",
                    "The token names no tenant or no subject");
        }
        if (!Identifiers.isValid(tenant) || !Identifiers.isValid(user)) {
            throw new ProblemException(403, "urn:switchboard:problem:no-tenant", "Forbidden",
                    "The token's tenant or subject is not a usable id");
        }
        return new Caller(tenant, user);
    }

    /** A claim that is a JSON string; anything else (a number, an object, a list) is no tenant. */
    private static String text(Object claim) {
        if (claim instanceof String string) {
            return string;
        }
        if (claim instanceof JsonString string) {
            return string.getString();
        }
        return null;
    }
}
