package io.switchboard.session.rest;

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

import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.switchboard.kit.problem.ProblemException;
import io.switchboard.kit.security.CurrentCaller;
import io.switchboard.session.mapping.SplitViewMapper;
import io.switchboard.session.service.SplitViewService;

/** The caller's split-pane views. Every change sends the version it read as If-Match; a stale one is a 409. */
@Path("/views")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ViewResource {

    private final SplitViewService views;
    private final CurrentCaller caller;

    public ViewResource(SplitViewService views, CurrentCaller caller) {
        this.views = views;
        this.caller = caller;
    }

    @POST
    public Uni<RestResponse<SplitViewBody>> create(@Valid @NotNull CreateViewRequest request) {
        return StorageRaces.asConflict(views.create(caller.get(), request))
                .map(SplitViewMapper::toBody)
                .map(view -> RestResponse.ResponseBuilder.<SplitViewBody>created(URI.create("/views/" + view.id()))
                        .entity(view).build());
    }

    @GET
    public Uni<List<SplitViewBody>> list() {
        return views.list(caller.get()).map(list -> list.stream().map(SplitViewMapper::toBody).toList());
    }

    @GET
    @Path("/{viewId}")
    public Uni<SplitViewBody> get(@PathParam("viewId") UUID viewId) {
        return views.get(caller.get(), viewId).map(SplitViewMapper::toBody);
    }

    @PATCH
    @Path("/{viewId}")
    public Uni<SplitViewBody> update(@PathParam("viewId") UUID viewId, @HeaderParam(IfMatch.HEADER) String ifMatch,
            @Valid @NotNull UpdateViewRequest request) {
        long expected = IfMatch.required(ifMatch);
        if (request.isEmpty()) {
            throw ProblemException.badRequest(
                    "Name at least one of name, layout, syncMode, maxPanes");
        }
        return StorageRaces.asConflict(views.update(caller.get(), viewId, expected, request))
                .map(SplitViewMapper::toBody);
    }

    @DELETE
    @Path("/{viewId}")
    public Uni<RestResponse<Void>> delete(@PathParam("viewId") UUID viewId,
            @HeaderParam(IfMatch.HEADER) String ifMatch) {
        long expected = IfMatch.required(ifMatch);
        return StorageRaces.asConflict(views.delete(caller.get(), viewId, expected))
                .map(done -> RestResponse.noContent());
    }

    @POST
    @Path("/{viewId}/panes")
    public Uni<SplitViewBody> addPane(@PathParam("viewId") UUID viewId, @HeaderParam(IfMatch.HEADER) String ifMatch,
            @Valid @NotNull AddPaneRequest request) {
        long expected = IfMatch.required(ifMatch);
        return StorageRaces.asConflict(views.addPane(caller.get(), viewId, expected, request))
                .map(SplitViewMapper::toBody);
    }

    @DELETE
    @Path("/{viewId}/panes/{index}")
    public Uni<SplitViewBody> removePane(@PathParam("viewId") UUID viewId, @PathParam("index") int index,
            @HeaderParam(IfMatch.HEADER) String ifMatch) {
        long expected = IfMatch.required(ifMatch);
        return StorageRaces.asConflict(views.removePane(caller.get(), viewId, expected, index))
                .map(SplitViewMapper::toBody);
    }

    @PATCH
    @Path("/{viewId}/panes/{index}")
    public Uni<SplitViewBody> updatePane(@PathParam("viewId") UUID viewId, @PathParam("index") int index,
            @HeaderParam(IfMatch.HEADER) String ifMatch, @Valid @NotNull UpdatePaneRequest request) {
        long expected = IfMatch.required(ifMatch);
        if (request.isEmpty()) {
            throw ProblemException.badRequest("Name a chatId or a model");
        }
        return StorageRaces.asConflict(views.updatePane(caller.get(), viewId, expected, index, request))
                .map(SplitViewMapper::toBody);
    }

    @POST
    @Path("/{viewId}/panes/{index}/move")
    public Uni<SplitViewBody> movePane(@PathParam("viewId") UUID viewId, @PathParam("index") int index,
            @HeaderParam(IfMatch.HEADER) String ifMatch, @Valid @NotNull MoveRequest request) {
        long expected = IfMatch.required(ifMatch);
        return StorageRaces.asConflict(views.movePane(caller.get(), viewId, expected, index, request.to()))
                .map(SplitViewMapper::toBody);
    }

    @PUT
    @Path("/{viewId}/sizes")
    public Uni<SplitViewBody> resize(@PathParam("viewId") UUID viewId, @HeaderParam(IfMatch.HEADER) String ifMatch,
            @Valid @NotNull ResizePanesRequest request) {
        long expected = IfMatch.required(ifMatch);
        return StorageRaces.asConflict(views.resize(caller.get(), viewId, expected, request.sizes()))
                .map(SplitViewMapper::toBody);
    }
}
