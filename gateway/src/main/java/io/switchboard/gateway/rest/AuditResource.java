package io.switchboard.gateway.rest;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.switchboard.events.text.SafeText;
import io.switchboard.gateway.client.DownstreamReads;
import io.switchboard.gateway.client.SessionAuditClient;
import io.switchboard.session.api.AuditEntryView;

/** The tenant's audit log, kept by session-service. */
@Path("/api/audit")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
public class AuditResource {

    private final SessionAuditClient audit;

    public AuditResource(@RestClient SessionAuditClient audit) {
        this.audit = audit;
    }

    @GET
    @Operation(summary = "The tenant's audit log", description = "Every change made through the projects, chats, "
            + "members, views and tabs APIs, newest first: id, actorId, action, projectId, chatId, targetId, at. "
            + "Only for the tenant's admins (role switchboard.auth.admin-role, default admin). Page with before = "
            + "the last entry's id; filter with projectId or chatId; limit 1-200 (50).")
    @APIResponse(responseCode = "200", description = "A page of entries")
    @APIResponse(responseCode = "403", description = "The caller is no admin of the tenant")
    public Uni<List<AuditEntryView>> page(@QueryParam("before") @SafeText(max = 20) String before,
            @QueryParam("projectId") @SafeText(max = 40) String projectId,
            @QueryParam("chatId") @SafeText(max = 40) String chatId,
            @QueryParam("limit") @SafeText(max = 10) String limit) {
        return DownstreamReads.retried(audit.audit(before, projectId, chatId, limit));
    }
}
