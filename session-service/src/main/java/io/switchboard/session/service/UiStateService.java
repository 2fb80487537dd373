package io.switchboard.session.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.kit.problem.ProblemException;
import io.switchboard.kit.security.Caller;
import io.switchboard.kit.tenancy.TenantTransactional;
import io.switchboard.session.api.OpenTabRequest;
import io.switchboard.session.config.ViewsConfig;
import io.switchboard.session.model.UiState;
import io.switchboard.session.model.UiTab;
import io.switchboard.session.repository.SplitViewRepository;
import io.switchboard.session.repository.UiStateRepository;
import io.switchboard.session.repository.UiTabRepository;

/**
 * A user's tabs, active tab and last view, shared by all their devices. Each change locks the user's state row,
 * so changes from two devices apply one after the other; a change may name the version it expects (409 when
 * another came first). Tabs of deleted chats go with the chat (the database cascades).
 */
@ApplicationScoped
public class UiStateService {

    private final UiStateRepository states;
    private final UiTabRepository tabs;
    private final ProjectAccess access;
    private final AuditTrail audit;
    private final SplitViewRepository views;
    private final ViewsConfig config;

    public UiStateService(UiStateRepository states, UiTabRepository tabs, ProjectAccess access, AuditTrail audit,
            SplitViewRepository views, ViewsConfig config) {
        this.states = states;
        this.tabs = tabs;
        this.access = access;
        this.audit = audit;
        this.views = views;
        this.config = config;
    }

    /** The user's state; a user who never changed anything has version 0 and no tabs. */
    @TenantTransactional
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

    @TenantTransactional
    public Uni<UiStateSnapshot> openTab(Caller caller, Long expected, OpenTabRequest request) {
        boolean activate = request.activate() == null || request.activate();
        return visibleChat(caller, request.chatId()).chain(() -> change(caller, expected, "tab.opened",
                request.chatId(),
                set -> set.open(request.chatId(), request.position(), activate, config.maxOpenTabs())));
    }

    @TenantTransactional
    public Uni<UiStateSnapshot> closeTab(Caller caller, Long expected, UUID chatId) {
        Instant now = Instant.now();
        return change(caller, expected, "tab.closed", chatId, set -> set.close(chatId, now, config.closedTabsKept()));
    }

    @TenantTransactional
    public Uni<UiStateSnapshot> moveTab(Caller caller, Long expected, UUID chatId, int to) {
        return change(caller, expected, "tab.moved", chatId, set -> set.move(chatId, to));
    }

    @TenantTransactional
    public Uni<UiStateSnapshot> activateTab(Caller caller, Long expected, UUID chatId) {
        return change(caller, expected, "tab.activated", chatId, set -> set.activate(chatId));
    }

    @TenantTransactional
    public Uni<UiStateSnapshot> restoreTab(Caller caller, Long expected, UUID chatId) {
        return change(caller, expected, "tab.restored", chatId, set -> set.restore(chatId, config.maxOpenTabs()));
    }

    @TenantTransactional
    public Uni<UiStateSnapshot> setLastView(Caller caller, Long expected, UUID viewId) {
        Uni<Void> visible = viewId == null ? Uni.createFrom().voidItem()
                : views.findOwned(caller.tenantId(), caller.userId(), viewId)
                        .onItem().ifNull().failWith(() -> ProblemException.notFound("View", viewId))
                        .replaceWithVoid();
        return visible.chain(() -> locked(caller, expected))
                .call(() -> audit.record(caller, "ui.last-view-set", null, null, viewId == null ? null : viewId.toString()))
                .chain(state -> {
            state.lastViewId = viewId;
            bump(state);
            return tabsOf(caller, state).map(set -> new UiStateSnapshot(state, set));
        });
    }

    private Uni<UiStateSnapshot> change(Caller caller, Long expected, String action, UUID chatId,
            UnaryOperator<TabSet> step) {
        return locked(caller, expected)
                .call(() -> audit.record(caller, action, null, chatId, null))
                .chain(state -> tabs.listOwned(caller.tenantId(), caller.userId())
                .chain(rows -> {
                    TabSet next = step.apply(tabSet(state, rows));
                    state.activeChatId = next.active();
                    bump(state);
                    return write(caller, rows, next).replaceWith(new UiStateSnapshot(state, next));
                }));
    }

    /**
     * Writes the next tabs over the current rows. A tab that stays keeps its row and is updated in place:
     * rewriting it would check its chat's key again, and a chat being deleted at that moment would deadlock
     * against the delete. A chat's tab is unique only at commit, so the order of the writes does not matter.
     */
    private Uni<Void> write(Caller caller, List<UiTab> current, TabSet next) {
        Map<UUID, UiTab> leaving = new HashMap<>();
        current.forEach(tab -> leaving.put(tab.chatId, tab));
        List<UiTab> added = new ArrayList<>();
        for (int i = 0; i < next.open().size(); i++) {
            place(caller, leaving, added, next.open().get(i), i, null);
        }
        for (int i = 0; i < next.closed().size(); i++) {
            place(caller, leaving, added, next.closed().get(i).chatId(), i, next.closed().get(i).closedAt());
        }
        // One session operation at a time: a reactive session does not take concurrent ones.
        Uni<Void> written = Uni.createFrom().voidItem();
        for (UiTab gone : leaving.values()) {
            written = written.chain(() -> tabs.delete(gone));
        }
        // Panache refuses to persist an empty collection.
        return added.isEmpty() ? written : written.chain(() -> tabs.persist(added));
    }

    private static void place(Caller caller, Map<UUID, UiTab> leaving, List<UiTab> added, UUID chatId, int position,
            Instant closedAt) {
        UiTab tab = leaving.remove(chatId);
        if (tab == null) {
            tab = new UiTab();
            tab.id = UUID.randomUUID();
            tab.tenantId = caller.tenantId();
            tab.userId = caller.userId();
            tab.chatId = chatId;
            added.add(tab);
        }
        tab.position = position;
        tab.closedAt = closedAt;
    }

    private Uni<UiState> locked(Caller caller, Long expected) {
        return states.lockOrCreate(caller.tenantId(), caller.userId()).invoke(state -> {
            if (expected != null) {
                Versions.check("The UI state", state.version, expected);
            }
        });
    }

    private Uni<TabSet> tabsOf(Caller caller, UiState state) {
        return tabs.listOwned(caller.tenantId(), caller.userId()).map(rows -> tabSet(state, rows));
    }

    private static TabSet tabSet(UiState state, List<UiTab> rows) {
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
    }

    private Uni<Void> visibleChat(Caller caller, UUID chatId) {
        return access.chatToRead(caller, chatId)
                .replaceWithVoid();
    }

    private static void bump(UiState state) {
        state.version++;
        state.updatedAt = Instant.now();
    }
}
