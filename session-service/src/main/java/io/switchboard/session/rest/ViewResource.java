package io.switchboard.session.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.switchboard.kit.problem.ProblemException;
import io.switchboard.kit.security.CurrentCaller;
import io.switchboard.session.api.AddPaneRequest;
import io.switchboard.session.api.CreateViewRequest;
import io.switchboard.session.api.MoveRequest;
import io.switchboard.session.api.ResizePanesRequest;
import io.switchboard.session.api.SplitViewBody;
import io.switchboard.session.api.UpdatePaneRequest;
import io.switchboard.session.api.UpdateViewRequest;
import io.switchboard.session.api.ViewsApi;
import io.switchboard.session.mapping.SplitViewMapper;
import io.switchboard.session.service.SplitViewService;

/** The caller's split-pane views. Every change sends the version it read as If-Match; a stale one is a 409. */
@Authenticated
public class ViewResource implements ViewsApi {

    private final SplitViewService views;
    private final CurrentCaller caller;

    public ViewResource(SplitViewService views, CurrentCaller caller) {
        this.views = views;
        this.caller = caller;
    }

    @Override
    public Uni<RestResponse<SplitViewBody>> createView(CreateViewRequest request) {
        return StorageRaces.asConflict(views.create(caller.get(), request))
                .map(SplitViewMapper::toBody)
                .map(view -> RestResponse.ResponseBuilder.<SplitViewBody>created(URI.create("/views/" + view.id()))
                        .entity(view).build());
    }

    @Override
    public Uni<List<SplitViewBody>> listViews() {
        return views.list(caller.get()).map(list -> list.stream().map(SplitViewMapper::toBody).toList());
    }

    @Override
    public Uni<SplitViewBody> getView(UUID viewId) {
        return views.get(caller.get(), viewId).map(SplitViewMapper::toBody);
    }

    @Override
    public Uni<SplitViewBody> updateView(UUID viewId, String ifMatch,
            UpdateViewRequest request) {
        long expected = IfMatch.required(ifMatch);
        if (request.isEmpty()) {
            throw ProblemException.badRequest(
                    "Name at least one of name, layout, syncMode, maxPanes");
        }
        return StorageRaces.asConflict(views.update(caller.get(), viewId, expected, request))
                .map(SplitViewMapper::toBody);
    }

    @Override
    public Uni<RestResponse<Void>> deleteView(UUID viewId,
            String ifMatch) {
        long expected = IfMatch.required(ifMatch);
        return StorageRaces.asConflict(views.delete(caller.get(), viewId, expected))
                .map(done -> RestResponse.noContent());
    }

    @Override
    public Uni<SplitViewBody> addPane(UUID viewId, String ifMatch,
            AddPaneRequest request) {
        long expected = IfMatch.required(ifMatch);
        return StorageRaces.asConflict(views.addPane(caller.get(), viewId, expected, request))
                .map(SplitViewMapper::toBody);
    }

    @Override
    public Uni<SplitViewBody> removePane(UUID viewId, int index,
            String ifMatch) {
        long expected = IfMatch.required(ifMatch);
        return StorageRaces.asConflict(views.removePane(caller.get(), viewId, expected, index))
                .map(SplitViewMapper::toBody);
    }

    @Override
    public Uni<SplitViewBody> updatePane(UUID viewId, int index,
            String ifMatch, UpdatePaneRequest request) {
        long expected = IfMatch.required(ifMatch);
        if (request.isEmpty()) {
            throw ProblemException.badRequest("Name a chatId or a model");
        }
        return StorageRaces.asConflict(views.updatePane(caller.get(), viewId, expected, index, request))
                .map(SplitViewMapper::toBody);
    }

    @Override
    public Uni<SplitViewBody> movePane(UUID viewId, int index,
            String ifMatch, MoveRequest request) {
        long expected = IfMatch.required(ifMatch);
        return StorageRaces.asConflict(views.movePane(caller.get(), viewId, expected, index, request.to()))
                .map(SplitViewMapper::toBody);
    }

    @Override
    public Uni<SplitViewBody> resizePanes(UUID viewId, String ifMatch,
            ResizePanesRequest request) {
        long expected = IfMatch.required(ifMatch);
        return StorageRaces.asConflict(views.resize(caller.get(), viewId, expected, request.sizes()))
                .map(SplitViewMapper::toBody);
    }
}
