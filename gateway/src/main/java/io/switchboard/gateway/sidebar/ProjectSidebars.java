package io.switchboard.gateway.sidebar;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.events.Envelope;
import io.switchboard.events.lifecycle.LifecycleEvent;
import io.switchboard.events.lifecycle.ProjectMemberChanged;
import io.switchboard.gateway.fanout.FrameSink;
import io.switchboard.kit.security.Caller;

/**
 * Every live sidebar on this gateway instance, by tenant and project, so that a session.lifecycle event reaches
 * the sidebars of its chat's project only. Applying an event only queues frames on the connections' outbound
 * buffers: the consumer thread never waits.
 */
@ApplicationScoped
public class ProjectSidebars {

    private final Map<ProjectKey, Set<ProjectSidebar>> sidebars = new ConcurrentHashMap<>();
    private final SidebarLoader loader;

    public ProjectSidebars(SidebarLoader loader) {
        this.loader = loader;
    }

    /** Starts a sidebar: it hears events at once and holds them until {@link #load} brings its snapshot. */
    public ProjectSidebar open(Caller caller, String bearer, UUID projectId, FrameSink sink) {
        ProjectSidebar sidebar = new ProjectSidebar(caller, projectId, sink, chatId -> loader.chat(bearer, chatId));
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
                .onFailure().invoke(failure -> close(sidebar))
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

    /** Stops the sidebar; true when it was still running. */
    public boolean close(ProjectSidebar sidebar) {
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

    /** The sidebars running on this instance, for tests and metrics. */
    public int count() {
        return sidebars.values().stream().mapToInt(Set::size).sum();
    }

    private record ProjectKey(String tenantId, UUID projectId) {
    }
}
