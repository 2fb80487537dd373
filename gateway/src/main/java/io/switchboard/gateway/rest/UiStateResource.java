package io.switchboard.gateway.rest;

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

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.switchboard.gateway.client.DownstreamReads;
import io.switchboard.gateway.client.SessionUiStateClient;
import io.switchboard.session.api.ActiveTabRequest;
import io.switchboard.session.api.LastViewRequest;
import io.switchboard.session.api.MoveRequest;
import io.switchboard.session.api.OpenTabRequest;
import io.switchboard.session.api.RestoreTabRequest;
import io.switchboard.session.api.UiStateBody;

/**
 * The caller's tabs (each a chat), active tab, recently closed tabs and last view, shared by all their devices.
 * Every change answers the whole state; If-Match (optional) makes it conditional on the version read.
 */
@Path("/api/ui-state")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "UI state")
public class UiStateResource {

    private static final String IF_MATCH_DESCRIPTION = "Optional: the state's version as last read; 409 if it moved on";

    private final SessionUiStateClient states;

    public UiStateResource(@RestClient SessionUiStateClient states) {
        this.states = states;
    }

    @GET
    @Operation(summary = "The caller's UI state",
            description = "{version, openTabs: [chatId...], activeChatId, closedTabs: [{chatId, closedAt}] (newest "
                    + "first, the last 20), lastViewId}; version 0 before the first change.")
    @APIResponse(responseCode = "200", description = "The state")
    public Uni<UiStateBody> get() {
        return DownstreamReads.retried(states.uiState());
    }

    @POST
    @Path("/tabs")
    @Operation(summary = "Open a chat's tab",
            description = "Body {\"chatId\", \"position\"?, \"activate\"?}: at position (default last; an open tab "
                    + "stays where it is unless a position is given), active unless activate is false.")
    @APIResponse(responseCode = "200", description = "The state at its next version")
    @APIResponse(ref = "NotFound")
    @APIResponse(ref = "Conflict")
    public Uni<UiStateBody> openTab(
            @Parameter(description = IF_MATCH_DESCRIPTION) @HeaderParam(IfMatchHeader.HEADER) String ifMatch,
            @Valid @NotNull OpenTabRequest body) {
        return states.openTab(IfMatchHeader.checked(ifMatch), body);
    }

    @DELETE
    @Path("/tabs/{chatId}")
    @Operation(summary = "Close a tab",
            description = "It goes first in closedTabs; if it was active, the tab taking its place becomes active.")
    @APIResponse(responseCode = "200", description = "The state at its next version")
    @APIResponse(ref = "NotFound")
    @APIResponse(ref = "Conflict")
    public Uni<UiStateBody> closeTab(@PathParam("chatId") UUID chatId,
            @Parameter(description = IF_MATCH_DESCRIPTION) @HeaderParam(IfMatchHeader.HEADER) String ifMatch) {
        return states.closeTab(chatId, IfMatchHeader.checked(ifMatch));
    }

    @POST
    @Path("/tabs/{chatId}/move")
    @Operation(summary = "Move a tab", description = "Body {\"to\"}: the tab's new index among the open tabs.")
    @APIResponse(responseCode = "200", description = "The state at its next version")
    @APIResponse(ref = "NotFound")
    @APIResponse(ref = "Conflict")
    public Uni<UiStateBody> moveTab(@PathParam("chatId") UUID chatId,
            @Parameter(description = IF_MATCH_DESCRIPTION) @HeaderParam(IfMatchHeader.HEADER) String ifMatch,
            @Valid @NotNull MoveRequest body) {
        return states.moveTab(chatId, IfMatchHeader.checked(ifMatch), body);
    }

    @PUT
    @Path("/active-tab")
    @Operation(summary = "Choose the active tab", description = "Body {\"chatId\"}: an open tab, or null for none.")
    @APIResponse(responseCode = "200", description = "The state at its next version")
    @APIResponse(ref = "NotFound")
    @APIResponse(ref = "Conflict")
    public Uni<UiStateBody> activateTab(
            @Parameter(description = IF_MATCH_DESCRIPTION) @HeaderParam(IfMatchHeader.HEADER) String ifMatch,
            @Valid @NotNull ActiveTabRequest body) {
        return states.activateTab(IfMatchHeader.checked(ifMatch), body);
    }

    @POST
    @Path("/closed-tabs/restore")
    @Operation(summary = "Restore a closed tab",
            description = "Body (optional) {\"chatId\"}: that closed tab, else the most recently closed; it reopens "
                    + "last and active. 409 when nothing is closed.")
    @APIResponse(responseCode = "200", description = "The state at its next version")
    @APIResponse(ref = "NotFound")
    @APIResponse(ref = "Conflict")
    public Uni<UiStateBody> restoreTab(
            @Parameter(description = IF_MATCH_DESCRIPTION) @HeaderParam(IfMatchHeader.HEADER) String ifMatch,
            @Valid RestoreTabRequest body) {
        RestoreTabRequest request = body == null ? new RestoreTabRequest(null) : body;
        return states.restoreTab(IfMatchHeader.checked(ifMatch), request);
    }

    @PUT
    @Path("/last-view")
    @Operation(summary = "Remember the last active view", description = "Body {\"viewId\"}: a view of the caller's, "
            + "or null for none.")
    @APIResponse(responseCode = "200", description = "The state at its next version")
    @APIResponse(ref = "NotFound")
    @APIResponse(ref = "Conflict")
    public Uni<UiStateBody> setLastView(
            @Parameter(description = IF_MATCH_DESCRIPTION) @HeaderParam(IfMatchHeader.HEADER) String ifMatch,
            @Valid @NotNull LastViewRequest body) {
        return states.setLastView(IfMatchHeader.checked(ifMatch), body);
    }
}
