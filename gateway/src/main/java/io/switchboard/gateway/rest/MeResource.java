package io.switchboard.gateway.rest;

import java.util.Set;
import java.util.TreeSet;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.switchboard.kit.security.Caller;
import io.switchboard.kit.security.CurrentCaller;

@Path("/api/me")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Caller")
public class MeResource {

    private final CurrentCaller caller;
    private final SecurityIdentity identity;

    public MeResource(CurrentCaller caller, SecurityIdentity identity) {
        this.caller = caller;
        this.identity = identity;
    }

    /** Who the caller is, as the gateway reads the token: handy to check an OIDC provider's claim mapping. */
    @GET
    @Operation(summary = "The caller as the token names it",
            description = "tenantId from the tenant claim (switchboard.auth.tenant-claim), userId from sub, roles from "
                    + "the role claims (quarkus.oidc.roles.role-claim-path).")
    @APIResponse(responseCode = "200", description = "The caller")
    public Me me() {
        Caller who = caller.get();
        return new Me(who.tenantId(), who.userId(), new TreeSet<>(identity.getRoles()));
    }

    /** The caller: tenant, user and roles. */
    public record Me(String tenantId, String userId, Set<String> roles) {
    }
}
