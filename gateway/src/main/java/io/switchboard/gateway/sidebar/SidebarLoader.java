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
 * up to {@code switchboard.ws.sidebar-snapshot-chats}, and single chats the sidebar did not hold. The first page
 * is answered on its own, so a client sees the most recent chats while the older ones are still being read.
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

    /**
     * The project's most recently active chats, one page of them; {@link Snapshot#more()} when there are more to
     * read with {@link #rest}. Fails with session-service's problem (404 for no member).
     */
    Uni<Snapshot> first(String bearer, UUID projectId) {
        List<SidebarChat> chats = new ArrayList<>();
        int wanted = Math.min(PAGE, maxChats + 1);
        return sessions.listChats(bearer, projectId, null, null, null, Integer.toString(wanted))
                .map(page -> settle(chats, page, wanted));
    }

    /** The whole snapshot: the first page's chats and those of every page after it. */
    Uni<Snapshot> rest(String bearer, UUID projectId, Snapshot first) {
        return page(bearer, projectId, first.cursor(), new ArrayList<>(first.chats()));
    }

    Uni<SidebarChat> chat(String bearer, UUID chatId) {
        return sessions.getChat(bearer, chatId).map(SidebarLoader::toChat);
    }

    private Uni<Snapshot> page(String bearer, UUID projectId, String after, List<SidebarChat> chats) {
        int wanted = Math.min(PAGE, maxChats - chats.size() + 1);
        return sessions.listChats(bearer, projectId, null, null, after, Integer.toString(wanted)).chain(page -> {
            Snapshot read = settle(chats, page, wanted);
            return read.more() ? page(bearer, projectId, read.cursor(), chats) : Uni.createFrom().item(read);
        });
    }

    /** One more page read: the snapshot so far, and where to go on unless it is complete. */
    private Snapshot settle(List<SidebarChat> chats, List<ChatView> page, int wanted) {
        for (ChatView chat : page) {
            chats.add(toChat(chat));
        }
        if (chats.size() > maxChats) {
            return new Snapshot(chats.subList(0, maxChats), true, null);
        }
        if (page.size() < wanted) {
            return new Snapshot(chats, false, null);
        }
        return new Snapshot(chats, false, page.get(page.size() - 1).cursor());
    }

    static SidebarChat toChat(ChatView chat) {
        return new SidebarChat(chat.id(), chat.projectId(), chat.title(), chat.model(), chat.status(), chat.pinned(),
                chat.isDefault(), chat.busy(), chat.messageCount(), chat.messageCount() - chat.unread(),
                chat.lastActivityAt(), chat.lifecycleSeq());
    }

    /** @param cursor where the next page starts; null when the snapshot is complete */
    record Snapshot(List<SidebarChat> chats, boolean truncated, String cursor) {

        boolean more() {
            return cursor != null;
        }
    }
}
