package io.switchboard.workspace.security;

import java.util.Set;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;
import io.switchboard.events.Identifiers;
import io.switchboard.kit.problem.ProblemException;
import io.switchboard.kit.security.AuthConfig;
import io.switchboard.kit.security.Caller;
import io.switchboard.kit.security.CurrentCaller;
import io.switchboard.workspace.api.WorkspaceFilesApi;
import io.switchboard.workspace.config.WorkspaceConfig;
import io.vertx.core.http.HttpServerRequest;

/**
 * Whom the current request acts for. The token's audience says what kind it is: a user's token for the API
 * acts for its own tenant only, and may not name another in {@value #TENANT_HEADER}. A service token made for
 * this service (chat-service running agent tools from Kafka, where no user token exists) must carry the service
 * role and name the tenant it acts for in that header. A token of one kind is never taken for the other.
 */
@RequestScoped
public class ActingCaller {

    public static final String TENANT_HEADER = WorkspaceFilesApi.ACTING_TENANT;

    private final SecurityIdentity identity;
    private final JsonWebToken token;
    private final AuthConfig auth;
    private final WorkspaceConfig config;
    private final HttpServerRequest request;

    public ActingCaller(SecurityIdentity identity, JsonWebToken token, AuthConfig auth, WorkspaceConfig config,
            HttpServerRequest request) {
        this.identity = identity;
        this.token = token;
        this.auth = auth;
        this.config = config;
        this.request = request;
    }

    public Caller get() {
        String tenant = request.getHeader(TENANT_HEADER);
        if (!isServiceToken()) {
            if (tenant != null) {
                throw new ProblemException(403, "urn:switchboard:problem:not-a-service-token", "Forbidden",
                        "Only a service token may name the tenant it acts for in " + TENANT_HEADER
                                + "; a user's token acts for its own tenant");
            }
            return CurrentCaller.of(token, auth);
        }
        if (!identity.hasRole(config.serviceRole())) {
            throw new ProblemException(403, "urn:switchboard:problem:not-a-service-token", "Forbidden",
                    "This service token does not carry the role that lets a service act for a tenant");
        }
        if (tenant == null || tenant.isBlank()) {
            throw ProblemException.badRequest("A service token must name the tenant it acts for in the "
                    + TENANT_HEADER + " header");
        }
        String trimmed = tenant.strip();
        if (!Identifiers.isValid(trimmed)) {
            throw ProblemException.badRequest("The " + TENANT_HEADER + " header is not a tenant id");
        }
        String subject = token.getSubject();
        return new Caller(trimmed, "service:" + (subject == null ? identity.getPrincipal().getName() : subject));
    }

    private boolean isServiceToken() {
        Set<String> audience = token.getAudience();
        return audience != null && audience.contains(config.serviceAudience());
    }
}
