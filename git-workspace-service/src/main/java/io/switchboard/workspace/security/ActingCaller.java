package io.switchboard.workspace.security;

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
 * Whom the current request acts for. A user's token acts for its own tenant only, whatever headers
 * come with it. A verified token with the service role (chat-service running agent tools from Kafka,
 * where no user token exists) acts for the tenant named in {@value #TENANT_HEADER}, and must name one.
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
        if (!identity.hasRole(config.serviceRole())) {
            return CurrentCaller.of(token, auth);
        }
        String tenant = request.getHeader(TENANT_HEADER);
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
}
