package io.switchboard.workspace.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.events.workspace.SharedFile;
import io.switchboard.workspace.api.FileConflict;
import io.switchboard.workspace.git.ChangeOverlaps;
import io.switchboard.workspace.git.ChangeOverlaps.ChatBranch;
import io.switchboard.workspace.git.GitWorker;
import io.switchboard.workspace.git.ProjectRepositories;
import io.switchboard.workspace.repository.Workspace;
import io.vertx.core.Vertx;

/**
 * Pushes the conflict radar: after anything that can change which files a project's chats share (a commit, a
 * restore, a merge, a new default branch, a chat cut, archived or deleted, an import), the project's radar is
 * computed again and each chat whose shared files changed gets {@code ConflictsChanged}. Requests for one project
 * within {@value #DEBOUNCE_MILLIS} ms make one refresh, and one project never refreshes twice at once on a replica;
 * a request during a refresh makes one more after it.
 */
@ApplicationScoped
public class ConflictRadarRefresh {

    static final long DEBOUNCE_MILLIS = 300;

    private final WorkspaceStore workspaces;
    private final ConflictStore conflicts;
    private final ChangeOverlaps overlaps;
    private final ProjectRepositories repositories;
    private final GitWorker git;
    private final Vertx vertx;
    private final BackgroundContexts contexts;
    private final Map<UUID, Pending> pending = new ConcurrentHashMap<>();

    public ConflictRadarRefresh(WorkspaceStore workspaces, ConflictStore conflicts, ChangeOverlaps overlaps,
            ProjectRepositories repositories, GitWorker git, Vertx vertx,
            BackgroundContexts contexts) {
        this.workspaces = workspaces;
        this.conflicts = conflicts;
        this.overlaps = overlaps;
        this.repositories = repositories;
        this.git = git;
        this.vertx = vertx;
        this.contexts = contexts;
    }

    /** Asks for a refresh of the project's radar soon; returns at once. */
    public void request(UUID projectId, String tenantId) {
        if (projectId == null) {
            return;
        }
        Pending state = pending.computeIfAbsent(projectId, id -> new Pending(tenantId));
        synchronized (state) {
            if (state.running) {
                state.again = true;
                return;
            }
            if (state.scheduled) {
                return;
            }
            state.scheduled = true;
        }
        vertx.setTimer(DEBOUNCE_MILLIS, timer -> run(projectId, state));
    }

    private void run(UUID projectId, Pending state) {
        synchronized (state) {
            state.scheduled = false;
            state.running = true;
        }
        contexts.newContext().runOnContext(started -> refresh(projectId, state.tenantId).subscribe().with(
                changed -> finished(projectId, state),
                failure -> {
                    Log.warnf(failure, "Project %s: the conflict radar could not be refreshed", projectId);
                    finished(projectId, state);
                }));
    }

    private void finished(UUID projectId, Pending state) {
        boolean again;
        synchronized (state) {
            state.running = false;
            again = state.again;
            state.again = false;
            if (!again) {
                pending.remove(projectId, state);
            }
        }
        if (again) {
            request(projectId, state.tenantId);
        }
    }

    Uni<Integer> refresh(UUID projectId, String tenantId) {
        return workspaces.readyChats(projectId, tenantId)
                .chain(chats -> git.run(() -> shared(projectId, chats)))
                .chain(radar -> conflicts.record(projectId, tenantId, radar.defaultBranch(), radar.shared()))
                .invoke(changed -> {
                    if (changed > 0) {
                        Log.infof("Project %s: conflict radar changed for %d chats", projectId, changed);
                    }
                });
    }

    private Radar shared(UUID projectId, List<Workspace> chats) {
        if (!repositories.exists(projectId)) {
            return new Radar(null, Map.of());
        }
        String defaultBranch = repositories.defaultBranch(projectId);
        List<ChatBranch> branches = chats.stream()
                .map(chat -> new ChatBranch(chat.chatId().toString(), chat.branch())).toList();
        Map<UUID, List<SharedFile>> shared = new TreeMap<>();
        for (FileConflict conflict : overlaps.overlaps(projectId, defaultBranch, branches)) {
            for (String chatId : conflict.chatIds()) {
                List<String> others = new ArrayList<>(conflict.chatIds());
                others.remove(chatId);
                shared.computeIfAbsent(UUID.fromString(chatId), id -> new ArrayList<>())
                        .add(new SharedFile(conflict.path(), others));
            }
        }
        return new Radar(defaultBranch, shared);
    }

    private record Radar(String defaultBranch, Map<UUID, List<SharedFile>> shared) {
    }

    /** Whether a project's refresh waits on its timer or runs, and whether another was asked for meanwhile. */
    private static final class Pending {

        private final String tenantId;
        private boolean scheduled;
        private boolean running;
        private boolean again;

        private Pending(String tenantId) {
            this.tenantId = tenantId;
        }
    }
}
