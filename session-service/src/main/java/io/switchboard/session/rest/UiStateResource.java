package io.switchboard.session.rest;

import java.util.UUID;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.switchboard.kit.security.CurrentCaller;
import io.switchboard.session.api.ActiveTabRequest;
import io.switchboard.session.api.LastViewRequest;
import io.switchboard.session.api.MoveRequest;
import io.switchboard.session.api.OpenTabRequest;
import io.switchboard.session.api.RestoreTabRequest;
import io.switchboard.session.api.UiStateApi;
import io.switchboard.session.api.UiStateBody;
import io.switchboard.session.mapping.SplitViewMapper;
import io.switchboard.session.service.UiStateService;

/**
 * The caller's tabs, active tab, recently closed tabs and last view. Every change answers the whole state; an
 * If-Match header makes it conditional on the version the client read.
 */
@Authenticated
public class UiStateResource implements UiStateApi {

    private final UiStateService states;
    private final CurrentCaller caller;

    public UiStateResource(UiStateService states, CurrentCaller caller) {
        this.states = states;
        this.caller = caller;
    }

    @Override
    public Uni<UiStateBody> uiState() {
        return states.get(caller.get()).map(SplitViewMapper::toBody);
    }

    @Override
    public Uni<UiStateBody> openTab(String ifMatch,
            OpenTabRequest request) {
        Long expected = IfMatch.optional(ifMatch);
        return StorageRaces.asConflict(states.openTab(caller.get(), expected, request)).map(SplitViewMapper::toBody);
    }

    @Override
    public Uni<UiStateBody> closeTab(UUID chatId, String ifMatch) {
        Long expected = IfMatch.optional(ifMatch);
        return StorageRaces.asConflict(states.closeTab(caller.get(), expected, chatId)).map(SplitViewMapper::toBody);
    }

    @Override
    public Uni<UiStateBody> moveTab(UUID chatId, String ifMatch,
            MoveRequest request) {
        Long expected = IfMatch.optional(ifMatch);
        return StorageRaces.asConflict(states.moveTab(caller.get(), expected, chatId, request.to()))
                .map(SplitViewMapper::toBody);
    }

    @Override
    public Uni<UiStateBody> activateTab(String ifMatch,
            ActiveTabRequest request) {
        Long expected = IfMatch.optional(ifMatch);
        return StorageRaces.asConflict(states.activateTab(caller.get(), expected, request.chatId()))
                .map(SplitViewMapper::toBody);
    }

    /** Reopens the most recently closed tab, or the one the body names. */
    @Override
    public Uni<UiStateBody> restoreTab(String ifMatch, RestoreTabRequest request) {
        Long expected = IfMatch.optional(ifMatch);
        return StorageRaces.asConflict(states.restoreTab(caller.get(), expected,
                request == null ? null : request.chatId())).map(SplitViewMapper::toBody);
    }

    @Override
    public Uni<UiStateBody> setLastView(String ifMatch,
            LastViewRequest request) {
        Long expected = IfMatch.optional(ifMatch);
        return StorageRaces.asConflict(states.setLastView(caller.get(), expected, request.viewId()))
                .map(SplitViewMapper::toBody);
    }
}
