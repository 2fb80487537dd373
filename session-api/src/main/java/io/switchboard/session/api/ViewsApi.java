package io.switchboard.session.api;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

/**
 * The caller's split views. Every change names the version it read in {@code If-Match} (428 without, 409 when
 * stale) and answers the view with its new version.
 */
@Path("/views")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface ViewsApi {

    String IF_MATCH = "If-Match";

    /** 201 with the view. */
    @POST
    Uni<RestResponse<SplitViewBody>> createView(@Valid @NotNull CreateViewRequest request);

    @GET
    Uni<List<SplitViewBody>> listViews();

    @GET
    @Path("/{viewId}")
    Uni<SplitViewBody> getView(@PathParam("viewId") UUID viewId);

    @PATCH
    @Path("/{viewId}")
    Uni<SplitViewBody> updateView(@PathParam("viewId") UUID viewId, @HeaderParam(IF_MATCH) String ifMatch,
            @Valid @NotNull UpdateViewRequest request);

    /** 204. */
    @DELETE
    @Path("/{viewId}")
    Uni<RestResponse<Void>> deleteView(@PathParam("viewId") UUID viewId, @HeaderParam(IF_MATCH) String ifMatch);

    @POST
    @Path("/{viewId}/panes")
    Uni<SplitViewBody> addPane(@PathParam("viewId") UUID viewId, @HeaderParam(IF_MATCH) String ifMatch,
            @Valid @NotNull AddPaneRequest request);

    @DELETE
    @Path("/{viewId}/panes/{index}")
    Uni<SplitViewBody> removePane(@PathParam("viewId") UUID viewId, @PathParam("index") int index,
            @HeaderParam(IF_MATCH) String ifMatch);

    @PATCH
    @Path("/{viewId}/panes/{index}")
    Uni<SplitViewBody> updatePane(@PathParam("viewId") UUID viewId, @PathParam("index") int index,
            @HeaderParam(IF_MATCH) String ifMatch, @Valid @NotNull UpdatePaneRequest request);

    @POST
    @Path("/{viewId}/panes/{index}/move")
    Uni<SplitViewBody> movePane(@PathParam("viewId") UUID viewId, @PathParam("index") int index,
            @HeaderParam(IF_MATCH) String ifMatch, @Valid @NotNull MoveRequest request);

    @PUT
    @Path("/{viewId}/sizes")
    Uni<SplitViewBody> resizePanes(@PathParam("viewId") UUID viewId, @HeaderParam(IF_MATCH) String ifMatch,
            @Valid @NotNull ResizePanesRequest request);
}
