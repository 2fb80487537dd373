package io.switchboard.session.rest;

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

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.switchboard.kit.security.CurrentCaller;
import io.switchboard.session.mapping.SplitViewMapper;
import io.switchboard.session.service.UiStateService;

/**
 * The caller's tabs, active tab, recently closed tabs and last view. Every change answers the whole state; an
 * If-Match header makes it conditional on the version the client read.
 */
@Path("/ui-state")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UiStateResource {

    private final UiStateService states;
    private final CurrentCaller caller;

    public UiStateResource(UiStateService states, CurrentCaller caller) {
        this.states = states;
        this.caller = caller;
    }

    @GET
    public Uni<UiStateBody> get() {
        return states.get(caller.get()).map(SplitViewMapper::toBody);
    }

    @POST
    @Path("/tabs")
    public Uni<UiStateBody> openTab(@HeaderParam(IfMatch.HEADER) String ifMatch,
            @Valid @NotNull OpenTabRequest request) {
        Long expected = IfMatch.optional(ifMatch);
        return StorageRaces.asConflict(states.openTab(caller.get(), expected, request)).map(SplitViewMapper::toBody);
    }

    @DELETE
    @Path("/tabs/{chatId}")
    public Uni<UiStateBody> closeTab(@PathParam("chatId") UUID chatId, @HeaderParam(IfMatch.HEADER) String ifMatch) {
        Long expected = IfMatch.optional(ifMatch);
        return StorageRaces.asConflict(states.closeTab(caller.get(), expected, chatId)).map(SplitViewMapper::toBody);
    }

    @POST
    @Path("/tabs/{chatId}/move")
    public Uni<UiStateBody> moveTab(@PathParam("chatId") UUID chatId, @HeaderParam(IfMatch.HEADER) String ifMatch,
            @Valid @NotNull MoveRequest request) {
        Long expected = IfMatch.optional(ifMatch);
        return StorageRaces.asConflict(states.moveTab(caller.get(), expected, chatId, request.to()))
                .map(SplitViewMapper::toBody);
    }

    @PUT
    @Path("/active-tab")
    public Uni<UiStateBody> activateTab(@HeaderParam(IfMatch.HEADER) String ifMatch,
            @Valid @NotNull ActiveTabRequest request) {
        Long expected = IfMatch.optional(ifMatch);
        return StorageRaces.asConflict(states.activateTab(caller.get(), expected, request.chatId()))
                .map(SplitViewMapper::toBody);
    }

    /** Reopens the most recently closed tab, or the one the body names. */
    @POST
    @Path("/closed-tabs/restore")
    public Uni<UiStateBody> restoreTab(@HeaderParam(IfMatch.HEADER) String ifMatch, RestoreTabRequest request) {
        Long expected = IfMatch.optional(ifMatch);
        return StorageRaces.asConflict(states.restoreTab(caller.get(), expected,
                request == null ? null : request.chatId())).map(SplitViewMapper::toBody);
    }

    @PUT
    @Path("/last-view")
    public Uni<UiStateBody> setLastView(@HeaderParam(IfMatch.HEADER) String ifMatch,
            @Valid @NotNull LastViewRequest request) {
        Long expected = IfMatch.optional(ifMatch);
        return StorageRaces.asConflict(states.setLastView(caller.get(), expected, request.viewId()))
                .map(SplitViewMapper::toBody);
    }
}
