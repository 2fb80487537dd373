package io.switchboard.gateway.ws;

import java.time.Instant;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.logging.Log;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnPongMessage;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.switchboard.gateway.config.WsConfig;
import io.switchboard.gateway.fanout.Frames;
import io.switchboard.gateway.inbox.InboxRegistry;
import io.switchboard.kit.security.AuthConfig;
import io.switchboard.kit.security.Caller;
import io.switchboard.kit.security.CurrentCaller;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/**
 * The multiplexed client socket: one connection follows many chats, sends commands to them and may
 * follow the live sidebar of projects and its user's needs-attention inbox. The connection is authenticated at the handshake (the
 * {@code Authorization} header, or the token offered as a {@code bearer.<token>} subprotocol, see
 * {@link SubprotocolBearerFilter}). Every frame the client sends is rate limited; every bad one is
 * answered with an error frame. The protocol is described in docs/websocket.md.
 */
@WebSocket(path = ChatSocket.PATH)
@Authenticated
public class ChatSocket {

    static final String PATH = "/ws";

    private final SecurityIdentity identity;
    private final AuthConfig authConfig;
    private final WsConfig config;
    private final SocketRegistry registry;
    private final SocketMetrics metrics;
    private final ChatSubscriptions subscriptions;
    private final SocketCommands commands;
    private final InboxRegistry inbox;
    private final ProjectSubscriptions projects;

    public ChatSocket(SecurityIdentity identity, AuthConfig authConfig, WsConfig config, SocketRegistry registry,
            SocketMetrics metrics, ChatSubscriptions subscriptions, SocketCommands commands, InboxRegistry inbox,
            ProjectSubscriptions projects) {
        this.projects = projects;
        this.identity = identity;
        this.authConfig = authConfig;
        this.config = config;
        this.registry = registry;
        this.metrics = metrics;
        this.subscriptions = subscriptions;
        this.commands = commands;
        this.inbox = inbox;
    }

    @OnOpen
    @NonBlocking
    public void onOpen(WebSocketConnection connection) {
        JsonWebToken token = (JsonWebToken) identity.getPrincipal();
        Caller caller = CurrentCaller.of(token, authConfig);
        Outbox outbox = new Outbox(connection, Vertx.currentContext(), config.outboundBufferChars(), metrics);
        FrameRateLimiter limiter = new FrameRateLimiter(config.rateLimit().framesPerSecond(),
                config.rateLimit().burst(), config.rateLimit().closeAfterRejected());
        SocketSession session = new SocketSession(connection, caller, "Bearer " + token.getRawToken(), outbox, limiter);
        if (!registry.open(session)) {
            Log.infof("Connection %s refused: user already holds %d connections", connection.id(),
                    config.maxConnectionsPerUser());
            session.close(CloseCodes.TOO_MANY_CONNECTIONS);
        }
    }

    @OnClose
    @NonBlocking
    public void onClose(WebSocketConnection connection) {
        SocketSession session = registry.close(connection.id());
        if (session == null) {
            return;
        }
        SocketSession.Released released = session.release();
        subscriptions.releaseAll(released.subscriptions());
        projects.releaseAll(released.sidebars());
        if (released.inbox() && inbox.unsubscribe(session.caller(), session.outbox())) {
            metrics.inboxSubscriptionsChanged(-1);
        }
    }

    /**
     * Only failures outside the frame handlers reach here: the transport's, above all a message larger than
     * {@code quarkus.websockets-next.server.max-message-size}, which Vert.x reports this way and which
     * ends the connection with 1009 rather than the generic 1011.
     */
    @OnError
    public Uni<Void> onError(Throwable failure, WebSocketConnection connection) {
        boolean tooBig = failure instanceof IllegalStateException && failure.getMessage() != null
                && failure.getMessage().contains("max message size");
        SocketSession session = registry.get(connection.id());
        if (session != null) {
            session.close(tooBig ? CloseCodes.TOO_BIG : CloseReason.INTERNAL_SERVER_ERROR);
            if (tooBig) {
                Log.infof("Connection %s sent a message over the size limit: closing", connection.id());
            } else {
                Log.warnf(failure, "Connection %s failed: closing", connection.id());
            }
        }
        return Uni.createFrom().voidItem();
    }

    @OnPongMessage
    @NonBlocking
    public void onPong(Buffer data, WebSocketConnection connection) {
        SocketSession session = registry.get(connection.id());
        if (session != null) {
            session.heard();
        }
    }

    @OnTextMessage
    public Uni<Void> onText(String text, WebSocketConnection connection) {
        SocketSession session = registry.get(connection.id());
        if (session == null || session.closing()) {
            return Uni.createFrom().voidItem();
        }
        session.heard();
        FrameRateLimiter.Verdict verdict = session.rateLimiter().admit();
        if (verdict != FrameRateLimiter.Verdict.ADMIT) {
            metrics.rateLimited();
            session.send(new FrameRejected("rate_limited", "Too many frames; slow down").toFrame(null));
            if (verdict == FrameRateLimiter.Verdict.CLOSE) {
                Log.infof("Connection %s kept flooding after being rate limited: closing", connection.id());
                session.close(CloseCodes.RATE_LIMITED);
            }
            return Uni.createFrom().voidItem();
        }
        ClientFrame frame;
        try {
            frame = ClientFrame.parse(text);
        } catch (FrameRejected rejected) {
            session.send(rejected.toFrame(null));
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().deferred(() -> dispatch(frame, session))
                .onFailure(FrameRejected.class).recoverWithItem(failure -> {
                    session.send(((FrameRejected) failure).toFrame(frame.requestType()));
                    return null;
                })
                .onFailure().recoverWithItem(failure -> {
                    Log.errorf(failure, "Frame %s on connection %s failed", frame.requestType(), connection.id());
                    session.send(new FrameRejected("internal_error", "The frame could not be handled")
                            .toFrame(frame.requestType()));
                    return null;
                });
    }

    private Uni<Void> dispatch(ClientFrame frame, SocketSession session) {
        return switch (frame.type()) {
            case "subscribe" -> subscriptions.subscribe(frame, session);
            case "unsubscribe" -> subscriptions.unsubscribe(frame, session);
            case "send", "stop", "cancel", "edit" -> commands.handle(frame, session);
            case "subscribe_project" -> projects.subscribe(frame, session);
            case "unsubscribe_project" -> projects.unsubscribe(frame, session);
            case "subscribe_inbox" -> inbox(session, true);
            case "unsubscribe_inbox" -> inbox(session, false);
            case "ping" -> {
                session.send(Frames.pong());
                yield Uni.createFrom().voidItem();
            }
            default -> throw new FrameRejected("unknown_type", "Unknown frame type; expected subscribe, unsubscribe,"
                    + " send, stop, cancel, edit, subscribe_project, unsubscribe_project, subscribe_inbox,"
                    + " unsubscribe_inbox or ping");
        };
    }

    private Uni<Void> inbox(SocketSession session, boolean wanted) {
        boolean changed = session.inbox(wanted, () -> {
            if (wanted) {
                inbox.subscribe(session.caller(), session.outbox(), Instant.now());
            } else {
                inbox.unsubscribe(session.caller(), session.outbox());
            }
        });
        if (changed) {
            metrics.inboxSubscriptionsChanged(wanted ? 1 : -1);
        }
        session.send(Frames.write(Frames.node(wanted ? "inbox_subscribed" : "inbox_unsubscribed")));
        return Uni.createFrom().voidItem();
    }
}
