package io.switchboard.gateway.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.switchboard.gateway.web.SignInPolicy;
import io.switchboard.gateway.web.SignInSettings;

/** Read before anyone is signed in, so it needs no token: it tells the app where to sign in, nothing secret. */
@Path("/api/sign-in")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Caller")
public class SignInResource {

    private final SignInPolicy policy;

    public SignInResource(SignInPolicy policy) {
        this.policy = policy;
    }

    @GET
    @Operation(summary = "How the browser app signs in",
            description = "mode \"oidc\": authorization code with PKCE at issuer with clientId and scope; "
                    + "mode \"local\": the local token (issuer, clientId and scope null).")
    @APIResponse(responseCode = "200", description = "The sign-in settings")
    public SignInSettings settings() {
        return policy.settings();
    }
}
