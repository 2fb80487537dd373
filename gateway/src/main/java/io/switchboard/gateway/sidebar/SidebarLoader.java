package io.switchboard.gateway.sidebar;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;
import io.switchboard.gateway.client.SessionServiceClient;
import io.switchboard.gateway.config.WsConfig;

/**
 * Reads sidebar summaries from session-service as the connection's user: a project's chats a list page at a time,
 * up to {@code switchboard.ws.sidebar-snapshot-chats}, and single chats the sidebar did not hold.
 */
@ApplicationScoped
public class SidebarLoader {

    /** The most chats one list page of session-service holds. */
    static final int PAGE = 200;

    private final SessionServiceClient sessions;
    private final int maxChats;

    public SidebarLoader(@RestClient SessionServiceClient sessions, WsConfig config) {
        this.sessions = sessions;
        this.maxChats = config.sidebarSnapshotChats();
    }

    /** The project's most recently active chats; fails with session-service's problem (404 for no member). */
    Uni<Snapshot> snapshot(String bearer, UUID projectId) {
        return page(bearer, projectId, null, new ArrayList<>());
    }

    Uni<SidebarChat> chat(String bearer, UUID chatId) {
        return sessions.getChat(bearer, chatId).map(SidebarLoader::toChat);
    }

    private Uni<Snapshot> page(String bearer, UUID projectId, String after, List<SidebarChat> chats) {
        int wanted = Math.min(PAGE, maxChats - chats.size() + 1);
        return sessions.listChats(bearer, projectId, null, null, after, Integer.toString(wanted)).chain(page -> {
            for (JsonNode chat : page) {
                chats.add(toChat(chat));
            }
            if (chats.size() > maxChats) {
                return Uni.createFrom().item(new Snapshot(chats.subList(0, maxChats), true));
            }
            if (page.size() < wanted) {
                return Uni.createFrom().item(new Snapshot(chats, false));
            }
            return page(bearer, projectId, page.get(page.size() - 1).path("cursor").asText(), chats);
        });
    }

    static SidebarChat toChat(JsonNode chat) {
        long messageCount = chat.path("messageCount").asLong();
        return new SidebarChat(UUID.fromString(chat.path("id").asText()),
                UUID.fromString(chat.path("projectId").asText()), chat.path("title").asText(),
                chat.path("model").asText(), chat.path("status").asText(), chat.path("pinned").asBoolean(),
                chat.path("isDefault").asBoolean(), chat.path("busy").asBoolean(), messageCount,
                messageCount - chat.path("unread").asLong(), Instant.parse(chat.path("lastActivityAt").asText()),
                chat.path("lifecycleSeq").asLong());
    }

    record Snapshot(List<SidebarChat> chats, boolean truncated) {
    }
}
