package io.switchboard.gateway.sidebar;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.switchboard.events.Envelope;
import io.switchboard.events.lifecycle.LifecycleEvent;
import io.switchboard.events.lifecycle.ProjectMemberChanged;
import io.switchboard.gateway.config.WsConfig;
import io.switchboard.gateway.fanout.FrameSink;
import io.switchboard.kit.security.Caller;

/**
 * Every live sidebar on this gateway instance, by tenant and project, so that a session.lifecycle event reaches
 * the sidebars of its chat's project only. Applying an event only queues frames on the connections' outbound
 * buffers: the consumer thread never waits.
 * <p>
 * A sidebar its connection lets go is kept live for a while ({@link WsConfig#sidebarKeep()}), detached, so that a
 * reload of the page, which subscribes to the same project as the same user, gets its sidebar at once rather than
 * after session-service's answer. The project is read again behind it all the same, which also checks the user
 * still belongs to it.
 */
@ApplicationScoped
public class ProjectSidebars {

    private final Map<ProjectKey, Set<ProjectSidebar>> sidebars = new ConcurrentHashMap<>();
    private final Map<KeptKey, Kept> kept = new ConcurrentHashMap<>();
    private final SidebarLoader loader;
    private final WsConfig config;

    public ProjectSidebars(SidebarLoader loader, WsConfig config) {
        this.loader = loader;
        this.config = config;
    }

    /**
     * Starts a sidebar: it hears events at once and holds them until {@link #load} brings its snapshot. A sidebar
     * of the same user and project kept from an earlier connection is taken over instead, and sends what it holds
     * at once.
     */
    public ProjectSidebar open(Caller caller, String bearer, UUID projectId, FrameSink sink) {
        Function<UUID, Uni<SidebarChat>> lookup = chatId -> loader.chat(bearer, chatId);
        Kept previous = kept.remove(new KeptKey(caller, projectId));
        if (previous != null && previous.sidebar().reattach(sink, lookup)) {
            return previous.sidebar();
        }
        ProjectSidebar sidebar = new ProjectSidebar(caller, projectId, sink, lookup);
        sidebars.computeIfAbsent(new ProjectKey(caller.tenantId(), projectId), ignored -> ConcurrentHashMap.newKeySet())
                .add(sidebar);
        return sidebar;
    }

    /**
     * Reads the sidebar's snapshot from session-service as the caller and sends it: the first page at once (marked
     * partial when more follow), then, in the background, the whole snapshot. Completes with the first page, so the
     * connection's next frames need not wait for a large project. Fails with session-service's problem (404 when
     * the caller is no member of the project), the sidebar then closed.
     */
    public Uni<Void> load(ProjectSidebar sidebar, String bearer) {
        return loader.first(bearer, sidebar.projectId())
                .invoke(first -> {
                    sidebar.loaded(first.chats(), first.truncated(), first.more());
                    if (first.more()) {
                        loadRest(sidebar, bearer, first);
                    }
                })
                .onFailure().invoke(failure -> discard(sidebar))
                .replaceWithVoid();
    }

    /** The older chats; if they cannot be read, the sidebar says it is truncated: they join as they change. */
    private void loadRest(ProjectSidebar sidebar, String bearer, SidebarLoader.Snapshot first) {
        loader.rest(bearer, sidebar.projectId(), first).subscribe().with(
                all -> sidebar.loaded(all.chats(), all.truncated(), false),
                failure -> {
                    Log.warnf("project %s: the sidebar's older chats could not be read: %s", sidebar.projectId(),
                            failure.toString());
                    sidebar.loaded(List.of(), true, false);
                });
    }

    /**
     * Lets the sidebar go: it is kept, detached, when it has its first snapshot and there is room; otherwise it
     * ends. True when it was still running.
     */
    public boolean close(ProjectSidebar sidebar) {
        Duration keep = config.sidebarKeep();
        if (!keep.isZero() && !keep.isNegative() && kept.size() < config.maxKeptSidebars() && sidebar.detach()) {
            long until = System.nanoTime() + keep.toNanos();
            Kept replaced = kept.put(new KeptKey(sidebar.caller(), sidebar.projectId()), new Kept(sidebar, until));
            if (replaced != null && replaced.sidebar() != sidebar) {
                discard(replaced.sidebar());
            }
            return true;
        }
        return discard(sidebar);
    }

    /** The user no longer belongs to the project: a sidebar kept for them must not answer their next subscribe. */
    public void revoked(String tenantId, String userId, UUID projectId) {
        Kept gone = kept.remove(new KeptKey(new Caller(tenantId, userId), projectId));
        if (gone != null) {
            discard(gone.sidebar());
        }
    }

    @Scheduled(every = "10s", delayed = "10s")
    void endExpired() {
        endExpired(System.nanoTime());
    }

    /** Ends the kept sidebars nobody took over by {@code now} ({@link System#nanoTime()}). */
    void endExpired(long now) {
        kept.forEach((key, entry) -> {
            if (now - entry.until() >= 0 && kept.remove(key, entry)) {
                discard(entry.sidebar());
            }
        });
    }

    /** Ends the sidebar for good; true when it was still running. */
    private boolean discard(ProjectSidebar sidebar) {
        sidebars.computeIfPresent(new ProjectKey(sidebar.caller().tenantId(), sidebar.projectId()), (key, set) -> {
            set.remove(sidebar);
            return set.isEmpty() ? null : set;
        });
        return sidebar.end();
    }

    /** Hands a chat's session.lifecycle event to the sidebars of its project; a membership change is no chat's. */
    public void apply(Envelope event) {
        if (!(event.payload() instanceof LifecycleEvent lifecycle) || lifecycle instanceof ProjectMemberChanged) {
            return;
        }
        Set<ProjectSidebar> listening = sidebars.get(new ProjectKey(event.tenantId(), lifecycle.projectId()));
        if (listening != null) {
            for (ProjectSidebar sidebar : listening) {
                sidebar.apply(event);
            }
        }
    }

    /** The sidebars running on this instance, for tests and metrics; kept ones included. */
    public int count() {
        return sidebars.values().stream().mapToInt(Set::size).sum();
    }

    /** Sidebars kept after their connection let them go. */
    public int keptCount() {
        return kept.size();
    }

    private record ProjectKey(String tenantId, UUID projectId) {
    }

    private record KeptKey(Caller caller, UUID projectId) {
    }

    private record Kept(ProjectSidebar sidebar, long until) {
    }
}
