package io.switchboard.session.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.kit.problem.ProblemException;
import io.switchboard.kit.security.Caller;
import io.switchboard.kit.tenancy.TenantTransactional;
import io.switchboard.session.api.AddPaneRequest;
import io.switchboard.session.api.CreateViewRequest;
import io.switchboard.session.api.NewPaneRequest;
import io.switchboard.session.api.UpdatePaneRequest;
import io.switchboard.session.api.UpdateViewRequest;
import io.switchboard.session.config.ViewsConfig;
import io.switchboard.session.model.Chat;
import io.switchboard.session.model.SplitView;
import io.switchboard.session.model.ViewPane;
import io.switchboard.session.repository.SplitViewRepository;
import io.switchboard.session.repository.ViewPaneRepository;

/**
 * A user's split-pane views. Every change locks the view, checks the version the client read, applies the
 * change through {@link PaneArrangement} and writes the whole result with the next version: two clients editing
 * one view at once both name the same version, the second finds it moved on and gets a 409, never a mix.
 */
@ApplicationScoped
public class SplitViewService {

    private static final String DEFAULT_LAYOUT = "horizontal";
    private static final String DEFAULT_SYNC_MODE = "independent";

    private final SplitViewRepository views;
    private final ViewPaneRepository panes;
    private final ProjectAccess access;
    private final AuditTrail audit;
    private final ViewsConfig config;

    public SplitViewService(SplitViewRepository views, ViewPaneRepository panes, ProjectAccess access,
            AuditTrail audit, ViewsConfig config) {
        this.views = views;
        this.panes = panes;
        this.access = access;
        this.audit = audit;
        this.config = config;
    }

    @TenantTransactional
    public Uni<ViewWithPanes> create(Caller caller, CreateViewRequest request) {
        List<NewPaneRequest> requested = request.panes() == null ? List.of() : request.panes();
        int maxPanes = request.maxPanes() == null ? config.defaultMaxPanes() : request.maxPanes();
        List<Integer> sizes = requested.stream().map(NewPaneRequest::size).toList();
        return views.countOwned(caller.tenantId(), caller.userId())
                .invoke(count -> {
                    if (count >= config.maxPerUser()) {
                        throw UserLimits.reached("views", config.maxPerUser());
                    }
                })
                .chain(() -> specs(caller, requested))
                .chain(specs -> {
                    PaneArrangement arrangement = PaneArrangement.create(specs, sizes, maxPanes);
                    Instant now = Instant.now();
                    SplitView view = new SplitView();
                    view.id = UUID.randomUUID();
                    view.tenantId = caller.tenantId();
                    view.userId = caller.userId();
                    view.name = request.name().strip();
                    view.layout = request.layout() == null ? DEFAULT_LAYOUT : request.layout();
                    view.syncMode = request.syncMode() == null ? DEFAULT_SYNC_MODE : request.syncMode();
                    view.maxPanes = maxPanes;
                    // The first arrangement below counts as the first change: version 1.
                    view.version = 0;
                    view.createdAt = now;
                    view.updatedAt = now;
                    Log.infof("View %s created by %s with %d pane(s)", view.id, caller.userId(), specs.size());
                    return views.persist(view)
                            .call(() -> audit.record(caller, "view.created", null, null, view.id.toString()))
                            .chain(() -> rearrange(new ViewWithPanes(view, List.of()), arrangement));
                });
    }

    @TenantTransactional
    public Uni<List<ViewWithPanes>> list(Caller caller) {
        return views.listOwned(caller.tenantId(), caller.userId()).chain(owned -> {
            if (owned.isEmpty()) {
                return Uni.createFrom().item(List.<ViewWithPanes>of());
            }
            return panes.listForViews(owned.stream().map(view -> view.id).toList()).map(all -> {
                Map<UUID, List<ViewPane>> byView = new LinkedHashMap<>();
                all.forEach(pane -> byView.computeIfAbsent(pane.viewId, id -> new ArrayList<>()).add(pane));
                return owned.stream().map(view -> new ViewWithPanes(view, byView.getOrDefault(view.id, List.of())))
                        .toList();
            });
        });
    }

    @TenantTransactional
    public Uni<ViewWithPanes> get(Caller caller, UUID viewId) {
        return views.findOwned(caller.tenantId(), caller.userId(), viewId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("View", viewId))
                .chain(view -> panes.listForView(viewId).map(list -> new ViewWithPanes(view, list)));
    }

    @TenantTransactional
    public Uni<ViewWithPanes> update(Caller caller, UUID viewId, long expected, UpdateViewRequest request) {
        return locked(caller, viewId, expected, "view.updated").chain(current -> {
            SplitView view = current.view();
            PaneArrangement arrangement = arrangementOf(current.panes());
            if (request.maxPanes() != null) {
                arrangement.checkFits(request.maxPanes());
                view.maxPanes = request.maxPanes();
            }
            if (request.name() != null) {
                view.name = request.name().strip();
            }
            if (request.layout() != null) {
                view.layout = request.layout();
            }
            if (request.syncMode() != null) {
                view.syncMode = request.syncMode();
            }
            bump(view);
            return Uni.createFrom().item(new ViewWithPanes(view, current.panes()));
        });
    }

    @TenantTransactional
    public Uni<Void> delete(Caller caller, UUID viewId, long expected) {
        return locked(caller, viewId, expected, "view.deleted")
                .invoke(() -> Log.infof("View %s deleted by %s", viewId, caller.userId()))
                .chain(current -> views.delete(current.view()));
    }

    @TenantTransactional
    public Uni<ViewWithPanes> addPane(Caller caller, UUID viewId, long expected, AddPaneRequest request) {
        return locked(caller, viewId, expected, "view.pane-added").chain(current -> visibleChat(caller, request.chatId())
                .chain(chat -> {
                    PaneSpec pane = new PaneSpec(chat.id, request.model() == null ? chat.model : request.model(), 0);
                    Log.infof("chatId=%s shown in view %s", chat.id, viewId);
                    return rearrange(current, arrangementOf(current.panes())
                            .add(pane, request.position(), current.view().maxPanes));
                }));
    }

    @TenantTransactional
    public Uni<ViewWithPanes> removePane(Caller caller, UUID viewId, long expected, int index) {
        return change(caller, viewId, expected, "view.pane-removed", arrangement -> arrangement.remove(index));
    }

    @TenantTransactional
    public Uni<ViewWithPanes> movePane(Caller caller, UUID viewId, long expected, int index, int to) {
        return change(caller, viewId, expected, "view.pane-moved", arrangement -> arrangement.move(index, to));
    }

    @TenantTransactional
    public Uni<ViewWithPanes> resize(Caller caller, UUID viewId, long expected, List<Integer> sizes) {
        return change(caller, viewId, expected, "view.resized", arrangement -> arrangement.resize(sizes));
    }

    @TenantTransactional
    public Uni<ViewWithPanes> updatePane(Caller caller, UUID viewId, long expected, int index,
            UpdatePaneRequest request) {
        return locked(caller, viewId, expected, "view.pane-updated").chain(current -> {
            Uni<Chat> chat = request.chatId() == null ? Uni.createFrom().nullItem()
                    : visibleChat(caller, request.chatId());
            return chat.chain(shown -> rearrange(current, arrangementOf(current.panes())
                    .replace(index, shown == null ? null : shown.id, request.model())));
        });
    }

    private Uni<ViewWithPanes> change(Caller caller, UUID viewId, long expected, String action,
            Function<PaneArrangement, PaneArrangement> step) {
        return locked(caller, viewId, expected, action)
                .chain(current -> rearrange(current, step.apply(arrangementOf(current.panes()))));
    }

    /** The view locked for a change, which is recorded as {@code action} in the audit log. */
    private Uni<ViewWithPanes> locked(Caller caller, UUID viewId, long expected, String action) {
        return views.lockOwned(caller.tenantId(), caller.userId(), viewId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("View", viewId))
                .invoke(view -> Versions.check("View " + viewId, view.version, expected))
                .call(view -> audit.record(caller, action, null, null, viewId.toString()))
                .chain(view -> panes.listForView(viewId).map(list -> new ViewWithPanes(view, list)));
    }

    /**
     * Writes the next arrangement over the current rows. A pane that keeps its chat keeps its row and is
     * updated in place: rewriting it would check its chat's key again, and a chat being deleted at that moment
     * would deadlock against the delete. Position and chat are unique per view only at commit, so the order
     * of the writes does not matter.
     */
    private Uni<ViewWithPanes> rearrange(ViewWithPanes current, PaneArrangement next) {
        SplitView view = current.view();
        bump(view);
        Map<UUID, ViewPane> leaving = new HashMap<>();
        current.panes().forEach(pane -> leaving.put(pane.chatId, pane));
        List<ViewPane> rows = new ArrayList<>();
        List<ViewPane> added = new ArrayList<>();
        List<PaneSpec> specs = next.panes();
        for (int i = 0; i < specs.size(); i++) {
            PaneSpec spec = specs.get(i);
            ViewPane row = leaving.remove(spec.chatId());
            if (row == null) {
                row = new ViewPane();
                row.id = UUID.randomUUID();
                row.viewId = view.id;
                row.chatId = spec.chatId();
                added.add(row);
            }
            row.position = i;
            row.model = spec.model();
            row.size = spec.size();
            rows.add(row);
        }
        // One session operation at a time: a reactive session does not take concurrent ones.
        Uni<Void> written = Uni.createFrom().voidItem();
        for (ViewPane gone : leaving.values()) {
            written = written.chain(() -> panes.delete(gone));
        }
        // Panache refuses to persist an empty collection.
        if (!added.isEmpty()) {
            written = written.chain(() -> panes.persist(added));
        }
        return written.replaceWith(new ViewWithPanes(view, rows));
    }

    /** Each requested pane's chat, which must be the caller tenant's; its model unless the pane names one. */
    private Uni<List<PaneSpec>> specs(Caller caller, List<NewPaneRequest> requested) {
        Uni<List<PaneSpec>> specs = Uni.createFrom().item(new ArrayList<>());
        for (NewPaneRequest pane : requested) {
            specs = specs.chain(list -> visibleChat(caller, pane.chatId()).map(chat -> {
                list.add(new PaneSpec(chat.id, pane.model() == null ? chat.model : pane.model(), 0));
                return list;
            }));
        }
        return specs;
    }

    private Uni<Chat> visibleChat(Caller caller, UUID chatId) {
        return access.chatToRead(caller, chatId);
    }

    private static PaneArrangement arrangementOf(List<ViewPane> rows) {
        return PaneArrangement.of(rows.stream().map(pane -> new PaneSpec(pane.chatId, pane.model, pane.size)).toList());
    }

    private static void bump(SplitView view) {
        view.version++;
        view.updatedAt = Instant.now();
    }
}
