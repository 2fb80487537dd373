package io.switchboard.gateway.sidebar;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.events.Envelope;
import io.switchboard.events.lifecycle.ChatDeleted;
import io.switchboard.events.lifecycle.ChatMarkedRead;
import io.switchboard.gateway.fanout.FrameSink;
import io.switchboard.gateway.fanout.Frames;
import io.switchboard.kit.security.Caller;

/**
 * One connection's live sidebar of one project: the summary of each of its chats as the connection's user sees it,
 * kept from session.lifecycle, and a frame to the client whenever one of them changes in a way the user can see.
 * <p>
 * The snapshot comes from session-service while events keep arriving, so the events come first: until the
 * snapshot is in they are held, then each applies only if newer (higher lifecycle seq) than what the snapshot
 * says. A chat the sidebar does not hold (created since, or beyond the snapshot's size) is looked up once, its
 * events held meanwhile the same way. A deleted chat stays deleted whatever a late answer says.
 * <p>
 * When its connection lets it go, a sidebar that has its first snapshot may be {@linkplain #detach() detached}: it
 * sends nothing but goes on following the project, so that the same user's next subscribe (a reload) is
 * {@linkplain #reattach answered at once} from memory.
 */
public final class ProjectSidebar {

    /** Frames of a detached sidebar go nowhere. */
    private static final FrameSink NOWHERE = frame -> { };

    private final Caller caller;
    private final UUID projectId;
    private FrameSink sink;
    private Function<UUID, Uni<SidebarChat>> lookup;
    private final Map<UUID, SidebarChat> chats = new HashMap<>();
    private final Set<UUID> deleted = new HashSet<>();
    /** Events of chats being looked up, to apply after the answer. */
    private final Map<UUID, List<Envelope>> waiting = new HashMap<>();
    /** Events that arrived before the snapshot; null once it is in. */
    private List<Envelope> early = new ArrayList<>();
    private boolean truncated;
    private boolean ended;

    ProjectSidebar(Caller caller, UUID projectId, FrameSink sink, Function<UUID, Uni<SidebarChat>> lookup) {
        this.caller = caller;
        this.projectId = projectId;
        this.sink = sink;
        this.lookup = lookup;
    }

    public Caller caller() {
        return caller;
    }

    public UUID projectId() {
        return projectId;
    }

    /** Another user's read position shows nothing new to this one; it is not worth a lookup either. */
    synchronized void apply(Envelope event) {
        if (ended) {
            return;
        }
        if (early != null) {
            early.add(event);
            return;
        }
        UUID chatId = UUID.fromString(event.chatId());
        List<Envelope> held = waiting.get(chatId);
        if (held != null) {
            held.add(event);
            return;
        }
        applyNow(chatId, event);
    }

    /**
     * Sends a snapshot, most recent activity first. The first one (possibly {@code partial}: the most recent chats
     * only) is followed by whatever happened since. A later one adds the older chats: read before the events
     * applied meanwhile, it only adds chats the sidebar does not hold, and lists everything it holds now.
     */
    synchronized void loaded(List<SidebarChat> snapshot, boolean truncated, boolean partial) {
        if (ended) {
            return;
        }
        boolean first = early != null;
        for (SidebarChat chat : snapshot) {
            UUID chatId = chat.chatId();
            if (first || !chats.containsKey(chatId) && !deleted.contains(chatId) && !waiting.containsKey(chatId)) {
                chats.put(chatId, chat);
            }
        }
        this.truncated = truncated;
        sendSnapshot(partial);
        if (first) {
            List<Envelope> since = early;
            early = null;
            for (Envelope event : since) {
                apply(event);
            }
        }
    }

    /**
     * Stops sending but goes on following the project, once the sidebar has its first snapshot: true then. Older
     * chats still being read join it as they arrive. One still waiting for its first snapshot is not worth keeping.
     */
    synchronized boolean detach() {
        if (ended || early != null) {
            return false;
        }
        sink = NOWHERE;
        return true;
    }

    /**
     * Sends to the new connection from now on, starting with a snapshot of what the sidebar holds, marked
     * {@code partial}: the caller reads the project again, and that snapshot adds what this one may lack (a chat
     * whose lookup failed while nobody looked). False when the sidebar had ended.
     */
    synchronized boolean reattach(FrameSink sink, Function<UUID, Uni<SidebarChat>> lookup) {
        if (ended) {
            return false;
        }
        this.sink = sink;
        this.lookup = lookup;
        sendSnapshot(true);
        return true;
    }

    /** Nothing more is sent; true when it was still running. */
    synchronized boolean end() {
        boolean wasRunning = !ended;
        ended = true;
        early = null;
        waiting.clear();
        return wasRunning;
    }

    private void applyNow(UUID chatId, Envelope event) {
        if (event.payload() instanceof ChatDeleted) {
            deleted.add(chatId);
            if (chats.remove(chatId) != null) {
                sink.send(Frames.write(Frames.node("chat_removed").put("projectId", projectId.toString())
                        .put("chatId", chatId.toString())));
            }
            return;
        }
        if (deleted.contains(chatId)) {
            return;
        }
        SidebarChat known = chats.get(chatId);
        if (known == null) {
            if (!(event.payload() instanceof ChatMarkedRead read) || read.userId().equals(caller.userId())) {
                lookUp(chatId, event);
            }
            return;
        }
        if (event.seq() <= known.lifecycleSeq()) {
            return;
        }
        SidebarChat next = known.after(event, caller.userId());
        chats.put(chatId, next);
        if (!next.looksLike(known)) {
            send(next);
        }
    }

    private void lookUp(UUID chatId, Envelope event) {
        List<Envelope> held = new ArrayList<>();
        held.add(event);
        waiting.put(chatId, held);
        lookup.apply(chatId).subscribe().with(chat -> found(chatId, chat), failure -> {
            Log.debugf("chatId=%s not shown in a sidebar of project %s: %s", chatId, projectId, failure.toString());
            found(chatId, null);
        });
    }

    private synchronized void found(UUID chatId, SidebarChat chat) {
        List<Envelope> held = waiting.remove(chatId);
        if (ended || held == null) {
            return;
        }
        if (held.stream().anyMatch(event -> event.payload() instanceof ChatDeleted)) {
            // Deleted while it was looked up: the client never saw it, and never will.
            deleted.add(chatId);
            return;
        }
        // Gone meanwhile, moved out of reach, or the lookup failed: the chat's next event tries again.
        if (chat == null || !projectId.equals(chat.projectId()) || deleted.contains(chatId)) {
            return;
        }
        chats.put(chatId, chat);
        send(chat);
        for (Envelope event : held) {
            applyNow(chatId, event);
        }
    }

    private void sendSnapshot(boolean partial) {
        ObjectNode frame = Frames.node("project_snapshot").put("projectId", projectId.toString())
                .put("truncated", truncated).put("partial", partial);
        ArrayNode list = frame.putArray("chats");
        chats.values().stream().sorted(Comparator.comparing(SidebarChat::lastActivityAt).reversed())
                .forEach(chat -> list.add(chat.toJson()));
        sink.send(Frames.write(frame));
    }

    private void send(SidebarChat chat) {
        ObjectNode frame = Frames.node("chat_summary").put("projectId", projectId.toString());
        frame.set("chat", chat.toJson());
        sink.send(Frames.write(frame));
    }
}
