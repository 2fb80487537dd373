package io.switchboard.session.api;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

/**
 * The caller's UI state: open tabs in order, the active one, recently closed ones, the last view. A change may name
 * the version it read in {@code If-Match} (409 when stale); without one it applies to whatever is current.
 */
@Path("/ui-state")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface UiStateApi {

    String IF_MATCH = "If-Match";

    @GET
    Uni<UiStateBody> uiState();

    @POST
    @Path("/tabs")
    Uni<UiStateBody> openTab(@HeaderParam(IF_MATCH) String ifMatch, @Valid @NotNull OpenTabRequest request);

    @DELETE
    @Path("/tabs/{chatId}")
    Uni<UiStateBody> closeTab(@PathParam("chatId") UUID chatId, @HeaderParam(IF_MATCH) String ifMatch);

    @POST
    @Path("/tabs/{chatId}/move")
    Uni<UiStateBody> moveTab(@PathParam("chatId") UUID chatId, @HeaderParam(IF_MATCH) String ifMatch,
            @Valid @NotNull MoveRequest request);

    @PUT
    @Path("/active-tab")
    Uni<UiStateBody> activateTab(@HeaderParam(IF_MATCH) String ifMatch, @Valid @NotNull ActiveTabRequest request);

    /** Reopens the most recently closed tab, or the one the body names. */
    @POST
    @Path("/closed-tabs/restore")
    Uni<UiStateBody> restoreTab(@HeaderParam(IF_MATCH) String ifMatch, RestoreTabRequest request);

    @PUT
    @Path("/last-view")
    Uni<UiStateBody> setLastView(@HeaderParam(IF_MATCH) String ifMatch, @Valid @NotNull LastViewRequest request);
}
