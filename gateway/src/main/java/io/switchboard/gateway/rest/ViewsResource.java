package io.switchboard.gateway.rest;

import java.net.URI;
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

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.switchboard.gateway.client.DownstreamReads;
import io.switchboard.gateway.client.SessionViewsClient;
import io.switchboard.gateway.service.BroadcastAccepted;
import io.switchboard.gateway.service.MessageDraft;
import io.switchboard.gateway.service.ViewBroadcast;
import io.switchboard.kit.security.CurrentCaller;
import io.switchboard.session.api.AddPaneRequest;
import io.switchboard.session.api.CreateViewRequest;
import io.switchboard.session.api.MoveRequest;
import io.switchboard.session.api.ResizePanesRequest;
import io.switchboard.session.api.SplitViewBody;
import io.switchboard.session.api.UpdatePaneRequest;
import io.switchboard.session.api.UpdateViewRequest;

/**
 * The caller's split-pane views, stored by session-service. Every change names the version it read in If-Match
 * and answers the whole view with the next version; a stale version is a 409 and changes nothing.
 */
@Path("/api/views")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Views")
public class ViewsResource {

    private static final String IF_MATCH_DESCRIPTION = "The view's version as last read (required)";

    private final SessionViewsClient views;
    private final ViewBroadcast broadcast;
    private final CurrentCaller caller;

    public ViewsResource(@RestClient SessionViewsClient views, ViewBroadcast broadcast, CurrentCaller caller) {
        this.views = views;
        this.broadcast = broadcast;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Create a view",
            description = "Body {\"name\", \"layout\"?, \"syncMode\"?, \"maxPanes\"?, \"panes\"?: [{\"chatId\", "
                    + "\"model\"?, \"size\"?}]}. Each pane's chat must be a chat of the caller's tenant, at most once "
                    + "per view; without sizes the panes split the view equally.")
    @APIResponse(responseCode = "201", description = "The view, at version 1; Location names it")
    @APIResponse(ref = "NotFound")
    @APIResponse(ref = "Conflict")
    public Uni<RestResponse<SplitViewBody>> create(@Valid @NotNull CreateViewRequest body) {
        return views.createView(body)
                .map(answer -> RestResponse.ResponseBuilder.<SplitViewBody>created(
                        URI.create("/api/views/" + answer.getEntity().id())).entity(answer.getEntity()).build());
    }

    @GET
    @Operation(summary = "The caller's views", description = "Each with its panes in order.")
    @APIResponse(responseCode = "200", description = "Every view of the caller (not of other users)")
    public Uni<List<SplitViewBody>> list() {
        return DownstreamReads.retried(views.listViews());
    }

    @GET
    @Path("/{viewId}")
    @Operation(summary = "One view")
    @APIResponse(responseCode = "200", description = "The view and its panes")
    @APIResponse(ref = "NotFound")
    public Uni<SplitViewBody> get(@PathParam("viewId") UUID viewId) {
        return DownstreamReads.retried(views.getView(viewId));
    }

    @PATCH
    @Path("/{viewId}")
    @Operation(summary = "Rename a view or change its layout, sync mode or maxPanes",
            description = "Absent fields stay as they are. maxPanes cannot go below the panes the view has (409).")
    @APIResponse(responseCode = "200", description = "The view at its next version")
    @APIResponse(ref = "NotFound")
    @APIResponse(ref = "Conflict")
    @APIResponse(responseCode = "428", description = "No If-Match header")
    public Uni<SplitViewBody> update(@PathParam("viewId") UUID viewId,
            @Parameter(description = IF_MATCH_DESCRIPTION) @HeaderParam(IfMatchHeader.HEADER) String ifMatch,
            @Valid @NotNull UpdateViewRequest body) {
        return views.updateView(viewId, IfMatchHeader.checked(ifMatch), body);
    }

    @DELETE
    @Path("/{viewId}")
    @Operation(summary = "Delete a view")
    @APIResponse(responseCode = "204", description = "The view is gone")
    @APIResponse(ref = "NotFound")
    @APIResponse(ref = "Conflict")
    @APIResponse(responseCode = "428", description = "No If-Match header")
    public Uni<RestResponse<Void>> delete(@PathParam("viewId") UUID viewId,
            @Parameter(description = IF_MATCH_DESCRIPTION) @HeaderParam(IfMatchHeader.HEADER) String ifMatch) {
        return views.deleteView(viewId, IfMatchHeader.checked(ifMatch))
                .map(answer -> RestResponse.noContent());
    }

    @POST
    @Path("/{viewId}/panes")
    @Operation(summary = "Add a pane",
            description = "Body {\"chatId\", \"model\"?, \"position\"?}: at position (default last); the panes then "
                    + "split the view equally. More panes than maxPanes is a 409 too-many-panes.")
    @APIResponse(responseCode = "200", description = "The view at its next version")
    @APIResponse(ref = "NotFound")
    @APIResponse(ref = "Conflict")
    @APIResponse(responseCode = "428", description = "No If-Match header")
    public Uni<SplitViewBody> addPane(@PathParam("viewId") UUID viewId,
            @Parameter(description = IF_MATCH_DESCRIPTION) @HeaderParam(IfMatchHeader.HEADER) String ifMatch,
            @Valid @NotNull AddPaneRequest body) {
        return views.addPane(viewId, IfMatchHeader.checked(ifMatch), body);
    }

    @DELETE
    @Path("/{viewId}/panes/{index}")
    @Operation(summary = "Remove a pane",
            description = "The panes after it move up one index; its size goes to the pane before it (the one after, "
                    + "for the first).")
    @APIResponse(responseCode = "200", description = "The view at its next version")
    @APIResponse(ref = "NotFound")
    @APIResponse(ref = "Conflict")
    @APIResponse(responseCode = "428", description = "No If-Match header")
    public Uni<SplitViewBody> removePane(@PathParam("viewId") UUID viewId, @PathParam("index") int index,
            @Parameter(description = IF_MATCH_DESCRIPTION) @HeaderParam(IfMatchHeader.HEADER) String ifMatch) {
        return views.removePane(viewId, index, IfMatchHeader.checked(ifMatch));
    }

    @PATCH
    @Path("/{viewId}/panes/{index}")
    @Operation(summary = "Show another chat or model in a pane",
            description = "Body {\"chatId\"?, \"model\"?}; a new chat keeps the pane's model unless one is given.")
    @APIResponse(responseCode = "200", description = "The view at its next version")
    @APIResponse(ref = "NotFound")
    @APIResponse(ref = "Conflict")
    @APIResponse(responseCode = "428", description = "No If-Match header")
    public Uni<SplitViewBody> updatePane(@PathParam("viewId") UUID viewId, @PathParam("index") int index,
            @Parameter(description = IF_MATCH_DESCRIPTION) @HeaderParam(IfMatchHeader.HEADER) String ifMatch,
            @Valid @NotNull UpdatePaneRequest body) {
        return views.updatePane(viewId, index, IfMatchHeader.checked(ifMatch), body);
    }

    @POST
    @Path("/{viewId}/panes/{index}/move")
    @Operation(summary = "Move a pane", description = "Body {\"to\"}: the pane's new index; sizes travel with panes.")
    @APIResponse(responseCode = "200", description = "The view at its next version")
    @APIResponse(ref = "NotFound")
    @APIResponse(ref = "Conflict")
    @APIResponse(responseCode = "428", description = "No If-Match header")
    public Uni<SplitViewBody> movePane(@PathParam("viewId") UUID viewId, @PathParam("index") int index,
            @Parameter(description = IF_MATCH_DESCRIPTION) @HeaderParam(IfMatchHeader.HEADER) String ifMatch,
            @Valid @NotNull MoveRequest body) {
        return views.movePane(viewId, index, IfMatchHeader.checked(ifMatch), body);
    }

    @PUT
    @Path("/{viewId}/sizes")
    @Operation(summary = "Resize the panes",
            description = "Body {\"sizes\": [...]}: one size per pane, in order; each at least 10, together 100.")
    @APIResponse(responseCode = "200", description = "The view at its next version")
    @APIResponse(ref = "NotFound")
    @APIResponse(ref = "Conflict")
    @APIResponse(responseCode = "428", description = "No If-Match header")
    public Uni<SplitViewBody> resize(@PathParam("viewId") UUID viewId,
            @Parameter(description = IF_MATCH_DESCRIPTION) @HeaderParam(IfMatchHeader.HEADER) String ifMatch,
            @Valid @NotNull ResizePanesRequest body) {
        return views.resizePanes(viewId, IfMatchHeader.checked(ifMatch), body);
    }

    @POST
    @Path("/{viewId}/broadcast")
    @Operation(summary = "Send one message to every pane of a broadcast view",
            description = "One SendMessage per pane's chat, each with the pane's model, under one clientMessageId. "
                    + "The view must be in syncMode broadcast and have a pane (409 otherwise); every pane's chat must "
                    + "be the caller's, or nothing is sent.")
    @APIResponse(responseCode = "202", description = "Every pane's message is on its way")
    @APIResponse(ref = "NotFound")
    @APIResponse(ref = "Conflict")
    public Uni<RestResponse<BroadcastAccepted>> broadcast(@PathParam("viewId") UUID viewId,
            @Parameter(description = "Stands in for clientMessageId")
            @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
            @Valid @NotNull ViewBroadcastRequest body) {
        MessageDraft draft = IdempotencyKeys.apply(idempotencyKey, body.draft());
        return broadcast.send(caller.get(), caller.bearer(), viewId, draft).map(RestResponse::accepted);
    }
}
