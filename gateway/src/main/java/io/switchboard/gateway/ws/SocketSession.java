package io.switchboard.gateway.ws;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.switchboard.gateway.fanout.Subscription;
import io.switchboard.gateway.sidebar.ProjectSidebar;
import io.switchboard.kit.security.Caller;

/**
 * What the gateway knows about one open WebSocket: who opened it, its outbound buffer and rate limit,
 * which chats and project sidebars it follows and whether it wants inbox frames.
 */
final class SocketSession {

    private final WebSocketConnection connection;
    private final Caller caller;
    private final String bearer;
    private final Outbox outbox;
    private final FrameRateLimiter rateLimiter;
    private final Map<String, Subscription> subscriptions = new HashMap<>();
    private final Map<UUID, ProjectSidebar> sidebars = new HashMap<>();
    private volatile long lastHeardNanos = System.nanoTime();
    private volatile boolean closing;
    private boolean inbox;
    private boolean closed;
    /** Commands handed to Kafka whose answer (accepted, or an error) is not queued yet. */
    private int pendingCommands;
    /** A close decided while commands were pending: it waits for their answers. */
    private CloseReason closeWhenAnswered;

    SocketSession(WebSocketConnection connection, Caller caller, String bearer, Outbox outbox,
            FrameRateLimiter rateLimiter) {
        this.connection = connection;
        this.caller = caller;
        this.bearer = bearer;
        this.outbox = outbox;
        this.rateLimiter = rateLimiter;
    }

    String id() {
        return connection.id();
    }

    WebSocketConnection connection() {
        return connection;
    }

    Caller caller() {
        return caller;
    }

    /** The bearer header value of the token the connection opened with, to look chats up as the caller. */
    String bearer() {
        return bearer;
    }

    Outbox outbox() {
        return outbox;
    }

    FrameRateLimiter rateLimiter() {
        return rateLimiter;
    }

    void send(String frame) {
        outbox.send(frame);
    }

    /**
     * Closes the connection once the frames queued before have been written, and the answers of the commands already
     * handed to Kafka with them: a client closed for flooding still learns which of its commands were accepted.
     * Later frames are ignored.
     */
    void close(CloseReason reason) {
        closing = true;
        synchronized (this) {
            if (pendingCommands > 0) {
                if (closeWhenAnswered == null) {
                    closeWhenAnswered = reason;
                }
                return;
            }
        }
        outbox.closeAfterQueued(reason);
    }

    /** A command of this connection was handed to Kafka; its answer is still to come. */
    synchronized void commandPending() {
        pendingCommands++;
    }

    /** The answer of a pending command was queued; a close that waited for the answers goes ahead after the last. */
    void commandAnswered() {
        CloseReason reason;
        synchronized (this) {
            pendingCommands--;
            reason = pendingCommands == 0 ? closeWhenAnswered : null;
            closeWhenAnswered = pendingCommands == 0 ? null : closeWhenAnswered;
        }
        if (reason != null) {
            outbox.closeAfterQueued(reason);
        }
    }

    /** True once the gateway decided to close the connection: nothing more it sends is handled. */
    boolean closing() {
        return closing;
    }

    void heard() {
        lastHeardNanos = System.nanoTime();
    }

    long lastHeardNanos() {
        return lastHeardNanos;
    }

    synchronized boolean follows(String chatId) {
        return subscriptions.containsKey(chatId);
    }

    /** The chats the connection follows now: a copy, to go through while subscriptions change. */
    synchronized List<String> followedChats() {
        return new ArrayList<>(subscriptions.keySet());
    }

    synchronized int subscriptionCount() {
        return subscriptions.size();
    }

    /** False when the connection closed meanwhile: the caller must then drop the subscription again. */
    synchronized boolean addSubscription(String chatId, Subscription subscription) {
        if (closed) {
            return false;
        }
        subscriptions.put(chatId, subscription);
        return true;
    }

    synchronized Subscription removeSubscription(String chatId) {
        return subscriptions.remove(chatId);
    }

    synchronized int sidebarCount() {
        return sidebars.size();
    }

    /** Holds the project's sidebar, handing back the one it replaces; false when the connection closed. */
    synchronized boolean addSidebar(ProjectSidebar sidebar, List<ProjectSidebar> replaced) {
        if (closed) {
            return false;
        }
        ProjectSidebar previous = sidebars.put(sidebar.projectId(), sidebar);
        if (previous != null) {
            replaced.add(previous);
        }
        return true;
    }

    synchronized ProjectSidebar removeSidebar(UUID projectId) {
        return sidebars.remove(projectId);
    }

    /** Removes this very sidebar, unless a newer subscribe replaced it meanwhile. */
    synchronized boolean removeSidebar(ProjectSidebar sidebar) {
        return sidebars.remove(sidebar.projectId(), sidebar);
    }

    /**
     * Turns the inbox on or off; {@code change} runs under the session's lock when it changes, so a
     * connection closing meanwhile never leaves an inbox registration behind. True when it changed.
     */
    synchronized boolean inbox(boolean wanted, Runnable change) {
        if (closed || inbox == wanted) {
            return false;
        }
        inbox = wanted;
        change.run();
        return true;
    }

    /** Marks the session closed and hands back what it held, for the caller to release. */
    synchronized Released release() {
        closed = true;
        outbox.shut();
        List<Subscription> held = new ArrayList<>(subscriptions.values());
        subscriptions.clear();
        List<ProjectSidebar> heldSidebars = new ArrayList<>(sidebars.values());
        sidebars.clear();
        boolean hadInbox = inbox;
        inbox = false;
        return new Released(held, heldSidebars, hadInbox);
    }

    record Released(List<Subscription> subscriptions, List<ProjectSidebar> sidebars, boolean inbox) {
    }
}
