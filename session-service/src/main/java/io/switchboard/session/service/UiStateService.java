package io.switchboard.session.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.switchboard.kit.problem.ProblemException;
import io.switchboard.kit.security.Caller;
import io.switchboard.session.config.ViewsConfig;
import io.switchboard.session.model.UiState;
import io.switchboard.session.model.UiTab;
import io.switchboard.session.repository.ChatRepository;
import io.switchboard.session.repository.SplitViewRepository;
import io.switchboard.session.repository.UiStateRepository;
import io.switchboard.session.repository.UiTabRepository;
import io.switchboard.session.rest.OpenTabRequest;

/**
 * A user's tabs, active tab and last view, shared by all their devices. Each change locks the user's state row,
 * so changes from two devices apply one after the other; a change may name the version it expects (409 when
 * another came first). Tabs of deleted chats go with the chat (the database cascades).
 */
@ApplicationScoped
public class UiStateService {

    private final UiStateRepository states;
    private final UiTabRepository tabs;
    private final ChatRepository chats;
    private final SplitViewRepository views;
    private final ViewsConfig config;

    public UiStateService(UiStateRepository states, UiTabRepository tabs, ChatRepository chats,
            SplitViewRepository views, ViewsConfig config) {
        this.states = states;
        this.tabs = tabs;
        this.chats = chats;
        this.views = views;
        this.config = config;
    }

    /** The user's state; a user who never changed anything has version 0 and no tabs. */
    @WithSession
    public Uni<UiStateSnapshot> get(Caller caller) {
        return states.findOwned(caller.tenantId(), caller.userId()).chain(state -> {
            if (state == null) {
                UiState empty = new UiState();
                empty.tenantId = caller.tenantId();
                empty.userId = caller.userId();
                return Uni.createFrom().item(new UiStateSnapshot(empty, new TabSet(List.of(), null, List.of())));
            }
            return tabsOf(caller, state).map(set -> new UiStateSnapshot(state, set));
        });
    }

    @WithTransaction
    public Uni<UiStateSnapshot> openTab(Caller caller, Long expected, OpenTabRequest request) {
        boolean activate = request.activate() == null || request.activate();
        return visibleChat(caller, request.chatId()).chain(() -> change(caller, expected,
                set -> set.open(request.chatId(), request.position(), activate, config.maxOpenTabs())));
    }

    @WithTransaction
    public Uni<UiStateSnapshot> closeTab(Caller caller, Long expected, UUID chatId) {
        Instant now = Instant.now();
        return change(caller, expected, set -> set.close(chatId, now, config.closedTabsKept()));
    }

    @WithTransaction
    public Uni<UiStateSnapshot> moveTab(Caller caller, Long expected, UUID chatId, int to) {
        return change(caller, expected, set -> set.move(chatId, to));
    }

    @WithTransaction
    public Uni<UiStateSnapshot> activateTab(Caller caller, Long expected, UUID chatId) {
        return change(caller, expected, set -> set.activate(chatId));
    }

    @WithTransaction
    public Uni<UiStateSnapshot> restoreTab(Caller caller, Long expected, UUID chatId) {
        return change(caller, expected, set -> set.restore(chatId, config.maxOpenTabs()));
    }

    @WithTransaction
    public Uni<UiStateSnapshot> setLastView(Caller caller, Long expected, UUID viewId) {
        Uni<Void> visible = viewId == null ? Uni.createFrom().voidItem()
                : views.findOwned(caller.tenantId(), caller.userId(), viewId)
                        .onItem().ifNull().failWith(() -> ProblemException.notFound("View", viewId))
                        .replaceWithVoid();
        return visible.chain(() -> locked(caller, expected)).chain(state -> {
            state.lastViewId = viewId;
            bump(state);
            return tabsOf(caller, state).map(set -> new UiStateSnapshot(state, set));
        });
    }

    private Uni<UiStateSnapshot> change(Caller caller, Long expected, UnaryOperator<TabSet> step) {
        return locked(caller, expected).chain(state -> tabsOf(caller, state).chain(current -> {
            TabSet next = step.apply(current);
            state.activeChatId = next.active();
            bump(state);
            List<UiTab> rows = rows(caller, next);
            // Panache refuses to persist an empty collection.
            return tabs.deleteOwned(caller.tenantId(), caller.userId())
                    .chain(() -> rows.isEmpty() ? Uni.createFrom().voidItem() : tabs.persist(rows))
                    .replaceWith(new UiStateSnapshot(state, next));
        }));
    }

    private Uni<UiState> locked(Caller caller, Long expected) {
        return states.lockOrCreate(caller.tenantId(), caller.userId()).invoke(state -> {
            if (expected != null) {
                Versions.check("The UI state", state.version, expected);
            }
        });
    }

    private Uni<TabSet> tabsOf(Caller caller, UiState state) {
        return tabs.listOwned(caller.tenantId(), caller.userId()).map(rows -> {
            List<UUID> open = new ArrayList<>();
            List<TabSet.ClosedTab> closed = new ArrayList<>();
            for (UiTab tab : rows) {
                if (tab.closedAt == null) {
                    open.add(tab.chatId);
                } else {
                    closed.add(new TabSet.ClosedTab(tab.chatId, tab.closedAt));
                }
            }
            UUID active = state.activeChatId != null && open.contains(state.activeChatId) ? state.activeChatId : null;
            return new TabSet(open, active, closed);
        });
    }

    private static List<UiTab> rows(Caller caller, TabSet set) {
        List<UiTab> rows = new ArrayList<>();
        for (int i = 0; i < set.open().size(); i++) {
            rows.add(row(caller, set.open().get(i), i, null));
        }
        for (int i = 0; i < set.closed().size(); i++) {
            rows.add(row(caller, set.closed().get(i).chatId(), i, set.closed().get(i).closedAt()));
        }
        return rows;
    }

    private static UiTab row(Caller caller, UUID chatId, int position, Instant closedAt) {
        UiTab tab = new UiTab();
        tab.id = UUID.randomUUID();
        tab.tenantId = caller.tenantId();
        tab.userId = caller.userId();
        tab.chatId = chatId;
        tab.position = position;
        tab.closedAt = closedAt;
        return tab;
    }

    private Uni<Void> visibleChat(Caller caller, UUID chatId) {
        return chats.findOwned(caller.tenantId(), chatId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Chat", chatId))
                .replaceWithVoid();
    }

    private static void bump(UiState state) {
        state.version++;
        state.updatedAt = Instant.now();
    }
}
