package io.switchboard.gateway.sidebar;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.events.Envelope;
import io.switchboard.events.json.EventJson;
import io.switchboard.events.lifecycle.ChatActivityChanged;
import io.switchboard.events.lifecycle.ChatArchived;
import io.switchboard.events.lifecycle.ChatMarkedRead;
import io.switchboard.events.lifecycle.ChatRestored;
import io.switchboard.events.lifecycle.ChatUpdated;

/**
 * One chat as one user's sidebar shows it, as of the chat's session.lifecycle seq {@code lifecycleSeq}.
 * {@code readCount} is that user's: unread is the message count less it.
 */
public record SidebarChat(UUID chatId, UUID projectId, String title, String model, String status, boolean pinned,
        boolean isDefault, boolean busy, long messageCount, long readCount, Instant lastActivityAt,
        long lifecycleSeq) {

    public long unread() {
        return Math.max(0, messageCount - readCount);
    }

    /**
     * The chat after a later event of its session.lifecycle stream, read as {@code userId}: another user's read
     * position changes nothing they see. Deletion is the sidebar's to handle: the chat then has no state.
     */
    SidebarChat after(Envelope event, String userId) {
        Object payload = event.payload();
        if (payload instanceof ChatUpdated updated) {
            return new SidebarChat(chatId, projectId, updated.title(), updated.model(),
                    updated.status() == null ? status : updated.status(),
                    updated.pinned() == null ? pinned : updated.pinned(), isDefault, busy, messageCount, readCount,
                    lastActivityAt, event.seq());
        }
        if (payload instanceof ChatActivityChanged activity) {
            return new SidebarChat(chatId, projectId, title, model, status, pinned, isDefault, activity.busy(),
                    activity.messageCount(), readCount, activity.lastActivityAt(), event.seq());
        }
        if (payload instanceof ChatMarkedRead read && read.userId().equals(userId)) {
            return new SidebarChat(chatId, projectId, title, model, status, pinned, isDefault, busy, messageCount,
                    read.readCount(), lastActivityAt, event.seq());
        }
        String newStatus = payload instanceof ChatArchived ? "archived"
                : payload instanceof ChatRestored ? "active" : status;
        return new SidebarChat(chatId, projectId, title, model, newStatus, pinned, isDefault, busy, messageCount,
                readCount, lastActivityAt, event.seq());
    }

    /** Whether the user would see a difference: the seq alone moving is none. */
    boolean looksLike(SidebarChat other) {
        return title.equals(other.title) && model.equals(other.model) && status.equals(other.status)
                && pinned == other.pinned && busy == other.busy && messageCount == other.messageCount
                && unread() == other.unread() && lastActivityAt.equals(other.lastActivityAt);
    }

    ObjectNode toJson() {
        return EventJson.mapper().createObjectNode().put("chatId", chatId.toString())
                .put("title", title)
                .put("model", model)
                .put("status", status)
                .put("pinned", pinned)
                .put("isDefault", isDefault)
                .put("busy", busy)
                .put("messageCount", messageCount)
                .put("unread", unread())
                .put("lastActivityAt", lastActivityAt.toString())
                .put("lifecycleSeq", lifecycleSeq);
    }
}
