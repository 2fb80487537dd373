package io.switchboard.session.api;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

/** The tenant's audit log, newest first, for its admins (403 for anyone else). */
@Path("/audit")
@Produces(MediaType.APPLICATION_JSON)
public interface AuditApi {

    /** {@code before} is the {@code id} of the last entry of the previous page; a shorter page is the last. */
    @GET
    Uni<List<AuditEntryView>> audit(@QueryParam("before") String before, @QueryParam("projectId") String projectId,
            @QueryParam("chatId") String chatId, @QueryParam("limit") String limit);
}
