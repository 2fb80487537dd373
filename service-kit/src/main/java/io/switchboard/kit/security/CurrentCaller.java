package io.switchboard.kit.security;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

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

    /** The caller a verified token names; a token without tenant or subject is refused with 403. */
    public static Caller of(JsonWebToken token, AuthConfig config) {
        Object tenant = token.getClaim(config.tenantClaim());
        String user = token.getSubject();
        if (tenant == null || tenant.toString().isBlank() || user == null || user.isBlank()) {
            throw new ProblemException(403, "urn:switchboard:problem:no-tenant", "Forbidden",
                    "The token names no tenant or no subject");
        }
        return new Caller(tenant.toString(), user);
    }
}
