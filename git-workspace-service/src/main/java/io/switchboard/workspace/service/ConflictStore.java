package io.switchboard.workspace.service;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.events.json.EventJson;
import io.switchboard.events.workspace.ConflictsChanged;
import io.switchboard.events.workspace.SharedFile;
import io.switchboard.kit.tenancy.TenantId;
import io.switchboard.kit.tenancy.TenantTransactional;
import io.switchboard.workspace.repository.Workspace;

/**
 * Each chat's part of its project's conflict radar as last announced, and {@code ConflictsChanged} when it moves.
 * The project's ready chats are read locked, so two replicas refreshing one project at once announce a change once,
 * and no commit recorded meanwhile claims the same seq.
 */
@ApplicationScoped
public class ConflictStore {

    private final WorkspaceStore store;
    private final WorkspaceEventOutbox outbox;

    public ConflictStore(WorkspaceStore store, WorkspaceEventOutbox outbox) {
        this.store = store;
        this.outbox = outbox;
    }

    /** Records each ready chat's shared files, announcing those that changed; answers how many did. */
    @TenantTransactional
    public Uni<Integer> record(UUID projectId, @TenantId String tenantId, String defaultBranch,
            Map<UUID, List<SharedFile>> shared) {
        return store.readyChatsLocked(projectId, tenantId).chain(chats -> {
            Uni<Integer> written = Uni.createFrom().item(0);
            for (Workspace chat : chats) {
                List<SharedFile> files = shared.getOrDefault(chat.chatId(), List.of());
                String json = json(files);
                if (json.equals(chat.conflicts())) {
                    continue;
                }
                long seq = chat.conflictsChanged(json);
                Log.debugf("chatId=%s ConflictsChanged seq=%d: %d shared files", chat.chatId(), seq, files.size());
                ConflictsChanged event = new ConflictsChanged(projectId, defaultBranch, files);
                written = written.chain(count -> outbox.append(chat, seq, event).replaceWith(count + 1));
            }
            return written;
        });
    }

    private static String json(List<SharedFile> files) {
        try {
            return EventJson.mapper().writeValueAsString(files);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Shared files cannot be written as JSON", e);
        }
    }
}
