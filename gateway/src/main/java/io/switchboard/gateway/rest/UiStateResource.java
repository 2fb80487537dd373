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

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.switchboard.gateway.client.SessionViewsClient;
import io.switchboard.gateway.client.ViewRequests;
import io.switchboard.kit.security.CurrentCaller;

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

    private final SessionViewsClient states;
    private final CurrentCaller caller;

    public UiStateResource(@RestClient SessionViewsClient states, CurrentCaller caller) {
        this.states = states;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The caller's UI state",
            description = "{version, openTabs: [chatId...], activeChatId, closedTabs: [{chatId, closedAt}] (newest "
                    + "first, the last 20), lastViewId}; version 0 before the first change.")
    @APIResponse(responseCode = "200", description = "The state")
    public Uni<JsonNode> get() {
        return states.uiState(caller.bearer());
    }

    @POST
    @Path("/tabs")
    @Operation(summary = "Open a chat's tab",
            description = "Body {\"chatId\", \"position\"?, \"activate\"?}: at position (default last; an open tab "
                    + "stays where it is unless a position is given), active unless activate is false.")
    @APIResponse(responseCode = "200", description = "The state at its next version")
    @APIResponse(ref = "NotFound")
    @APIResponse(ref = "Conflict")
    public Uni<JsonNode> openTab(
            @Parameter(description = IF_MATCH_DESCRIPTION) @HeaderParam(IfMatchHeader.HEADER) String ifMatch,
            @Valid @NotNull ViewRequests.OpenTab body) {
        return states.openTab(caller.bearer(), IfMatchHeader.checked(ifMatch), body);
    }

    @DELETE
    @Path("/tabs/{chatId}")
    @Operation(summary = "Close a tab",
            description = "It goes first in closedTabs; if it was active, the tab taking its place becomes active.")
    @APIResponse(responseCode = "200", description = "The state at its next version")
    @APIResponse(ref = "NotFound")
    @APIResponse(ref = "Conflict")
    public Uni<JsonNode> closeTab(@PathParam("chatId") UUID chatId,
            @Parameter(description = IF_MATCH_DESCRIPTION) @HeaderParam(IfMatchHeader.HEADER) String ifMatch) {
        return states.closeTab(caller.bearer(), IfMatchHeader.checked(ifMatch), chatId);
    }

    @POST
    @Path("/tabs/{chatId}/move")
    @Operation(summary = "Move a tab", description = "Body {\"to\"}: the tab's new index among the open tabs.")
    @APIResponse(responseCode = "200", description = "The state at its next version")
    @APIResponse(ref = "NotFound")
    @APIResponse(ref = "Conflict")
    public Uni<JsonNode> moveTab(@PathParam("chatId") UUID chatId,
            @Parameter(description = IF_MATCH_DESCRIPTION) @HeaderParam(IfMatchHeader.HEADER) String ifMatch,
            @Valid @NotNull ViewRequests.Move body) {
        return states.moveTab(caller.bearer(), IfMatchHeader.checked(ifMatch), chatId, body);
    }

    @PUT
    @Path("/active-tab")
    @Operation(summary = "Choose the active tab", description = "Body {\"chatId\"}: an open tab, or null for none.")
    @APIResponse(responseCode = "200", description = "The state at its next version")
    @APIResponse(ref = "NotFound")
    @APIResponse(ref = "Conflict")
    public Uni<JsonNode> activateTab(
            @Parameter(description = IF_MATCH_DESCRIPTION) @HeaderParam(IfMatchHeader.HEADER) String ifMatch,
            @Valid @NotNull ViewRequests.ActiveTab body) {
        return states.activateTab(caller.bearer(), IfMatchHeader.checked(ifMatch), body);
    }

    @POST
    @Path("/closed-tabs/restore")
    @Operation(summary = "Restore a closed tab",
            description = "Body (optional) {\"chatId\"}: that closed tab, else the most recently closed; it reopens "
                    + "last and active. 409 when nothing is closed.")
    @APIResponse(responseCode = "200", description = "The state at its next version")
    @APIResponse(ref = "NotFound")
    @APIResponse(ref = "Conflict")
    public Uni<JsonNode> restoreTab(
            @Parameter(description = IF_MATCH_DESCRIPTION) @HeaderParam(IfMatchHeader.HEADER) String ifMatch,
            @Valid ViewRequests.RestoreTab body) {
        ViewRequests.RestoreTab request = body == null ? new ViewRequests.RestoreTab(null) : body;
        return states.restoreTab(caller.bearer(), IfMatchHeader.checked(ifMatch), request);
    }

    @PUT
    @Path("/last-view")
    @Operation(summary = "Remember the last active view", description = "Body {\"viewId\"}: a view of the caller's, "
            + "or null for none.")
    @APIResponse(responseCode = "200", description = "The state at its next version")
    @APIResponse(ref = "NotFound")
    @APIResponse(ref = "Conflict")
    public Uni<JsonNode> setLastView(
            @Parameter(description = IF_MATCH_DESCRIPTION) @HeaderParam(IfMatchHeader.HEADER) String ifMatch,
            @Valid @NotNull ViewRequests.LastView body) {
        return states.setLastView(caller.bearer(), IfMatchHeader.checked(ifMatch), body);
    }
}
