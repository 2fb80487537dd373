package io.switchboard.gateway.inbox;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.events.Envelope;
import io.switchboard.events.chat.TurnCancelled;
import io.switchboard.events.chat.TurnCompleted;
import io.switchboard.events.chat.TurnFailed;
import io.switchboard.events.chat.TurnQueued;
import io.switchboard.gateway.config.WsConfig;
import io.switchboard.gateway.fanout.Frames;
import io.switchboard.gateway.service.ChatDirectory;
import io.switchboard.gateway.service.ChatEntry;
import io.switchboard.kit.security.Caller;

/**
 * Tells a user's inbox connections when a turn of one of their chats ends, whether or not they follow
 * that chat. The chat's owner comes from {@link ChatDirectory} (session.lifecycle, or session-service
 * for chats older than the replay window); failing that, the author of the turn is told. Fed with each
 * chat event once, by the consumer thread; nothing here waits on anything.
 */
@ApplicationScoped
public class AttentionNotifier {

    /** Authors of turns still running or queued; bounded in case an end is never seen. */
    private static final int MAX_TRACKED_TURNS = 100_000;

    private final ChatDirectory directory;
    private final InboxRegistry inbox;
    private final WsConfig config;
    private final Map<UUID, String> turnAuthors = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, String> eldest) {
            return size() > MAX_TRACKED_TURNS;
        }
    };

    public AttentionNotifier(ChatDirectory directory, InboxRegistry inbox, WsConfig config) {
        this.directory = directory;
        this.inbox = inbox;
        this.config = config;
    }

    public void onChatEvent(Envelope event) {
        UUID turnId = event.turnId();
        if (turnId == null) {
            return;
        }
        if (event.payload() instanceof TurnQueued queued) {
            remember(turnId, queued.userId());
        } else if (event.payload() instanceof TurnCompleted) {
            announce(event, turnId, "completed", null);
        } else if (event.payload() instanceof TurnFailed failed) {
            announce(event, turnId, "failed", failed.reason());
        } else if (event.payload() instanceof TurnCancelled) {
            forget(turnId);
        }
    }

    private void announce(Envelope event, UUID turnId, String kind, String reason) {
        String author = forget(turnId);
        String owner = directory.ownerOf(event.chatId()).orElse(author);
        if (owner == null) {
            return;
        }
        String tenant = directory.known(event.chatId()).map(ChatEntry::tenantId).orElse(event.tenantId());
        Caller user = new Caller(tenant, owner);
        // A creator removed from the chat's project hears nothing more of it.
        if (!inbox.hasSubscribers(user) || directory.knownOutsider(user, event.chatId())) {
            return;
        }
        ObjectNode frame = Frames.node("attention")
                .put("chatId", event.chatId())
                .put("kind", kind)
                .put("turnId", turnId.toString())
                .put("at", event.at().toString());
        if (reason != null) {
            frame.put("reason", reason);
        }
        inbox.announce(user, event.at(), config.inboxGrace(), Frames.write(frame));
    }

    private synchronized void remember(UUID turnId, String userId) {
        if (userId != null) {
            turnAuthors.put(turnId, userId);
        }
    }

    private synchronized String forget(UUID turnId) {
        return turnAuthors.remove(turnId);
    }
}
