package io.switchboard.gateway.sidebar;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.mutiny.Uni;
import io.switchboard.gateway.client.SessionLookups;
import io.switchboard.gateway.config.WsConfig;
import io.switchboard.session.api.ChatView;

/**
 * Reads sidebar summaries from session-service as the connection's user: a project's chats a list page at a time,
 * up to {@code switchboard.ws.sidebar-snapshot-chats}, and single chats the sidebar did not hold.
 */
@ApplicationScoped
public class SidebarLoader {

    /** The most chats one list page of session-service holds. */
    static final int PAGE = 200;

    private final SessionLookups sessions;
    private final int maxChats;

    public SidebarLoader(@RestClient SessionLookups sessions, WsConfig config) {
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
            for (ChatView chat : page) {
                chats.add(toChat(chat));
            }
            if (chats.size() > maxChats) {
                return Uni.createFrom().item(new Snapshot(chats.subList(0, maxChats), true));
            }
            if (page.size() < wanted) {
                return Uni.createFrom().item(new Snapshot(chats, false));
            }
            return page(bearer, projectId, page.get(page.size() - 1).cursor(), chats);
        });
    }

    static SidebarChat toChat(ChatView chat) {
        return new SidebarChat(chat.id(), chat.projectId(), chat.title(), chat.model(), chat.status(), chat.pinned(),
                chat.isDefault(), chat.busy(), chat.messageCount(), chat.messageCount() - chat.unread(),
                chat.lastActivityAt(), chat.lifecycleSeq());
    }

    record Snapshot(List<SidebarChat> chats, boolean truncated) {
    }
}
