package io.switchboard.gateway.ws;

import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.logging.Log;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.switchboard.events.ChatIds;
import io.switchboard.events.json.EventJson;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.gateway.fanout.ChatFanout;
import io.switchboard.gateway.fanout.EventStream;
import io.switchboard.gateway.fanout.FrameSink;
import io.switchboard.gateway.fanout.Frames;
import io.switchboard.gateway.fanout.Subscription;
import io.switchboard.gateway.service.ChatDirectory;
import io.switchboard.kit.problem.ProblemException;
import io.switchboard.kit.security.AuthConfig;
import io.switchboard.kit.security.CurrentCaller;

/**
 * The multiplexed client socket: one connection follows many chats. Frames in: {@code subscribe},
 * {@code unsubscribe}, {@code ping}; frames out: {@code subscribed}, {@code event}, {@code resync},
 * {@code unsubscribed}, {@code pong}, {@code error}. The connection is authenticated at the handshake.
 */
@WebSocket(path = "/ws")
@Authenticated
public class ChatSocket {

    private final ConcurrentMap<String, ConnectionSession> sessions = new ConcurrentHashMap<>();
    private final SecurityIdentity identity;
    private final ChatDirectory directory;
    private final ChatFanout fanout;
    private final GatewayConfig config;
    private final AuthConfig authConfig;

    public ChatSocket(SecurityIdentity identity, ChatDirectory directory, ChatFanout fanout, GatewayConfig config,
            AuthConfig authConfig) {
        this.identity = identity;
        this.directory = directory;
        this.fanout = fanout;
        this.config = config;
        this.authConfig = authConfig;
    }

    @OnOpen
    public void onOpen(WebSocketConnection connection) {
        JsonWebToken token = (JsonWebToken) identity.getPrincipal();
        sessions.put(connection.id(), new ConnectionSession(CurrentCaller.of(token, authConfig),
                "Bearer " + token.getRawToken()));
    }

    @OnClose
    public void onClose(WebSocketConnection connection) {
        ConnectionSession session = sessions.remove(connection.id());
        if (session != null) {
            session.subscriptions().values().forEach(fanout::unsubscribe);
        }
    }

    @OnTextMessage
    public Uni<Void> onText(String text, WebSocketConnection connection) {
        ConnectionSession session = sessions.get(connection.id());
        if (session == null) {
            return connection.sendText(Frames.error("not_open", "The connection is not open", null));
        }
        JsonNode frame;
        try {
            frame = EventJson.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            return connection.sendText(Frames.error("malformed_json", "The frame is not valid JSON", null));
        }
        if (frame == null || !frame.isObject() || !frame.path("type").isTextual()) {
            return connection.sendText(Frames.error("missing_field", "A frame is a JSON object with a type", null));
        }
        return switch (frame.get("type").asText()) {
            case "subscribe" -> subscribe(frame, session, connection);
            case "unsubscribe" -> unsubscribe(frame, session, connection);
            case "ping" -> connection.sendText(Frames.pong());
            default -> connection.sendText(Frames.error("unknown_type",
                    "Unknown frame type; expected subscribe, unsubscribe or ping", null));
        };
    }

    private Uni<Void> subscribe(JsonNode frame, ConnectionSession session, WebSocketConnection connection) {
        String chatId = frame.path("chatId").asText(null);
        if (chatId == null) {
            return connection.sendText(Frames.error("missing_field", "subscribe needs a chatId", null));
        }
        if (!ChatIds.isValid(chatId)) {
            return connection.sendText(Frames.error("invalid_chat_id", "chatId must be a UUID", null));
        }
        Map<EventStream, Long> afterSeqs;
        try {
            afterSeqs = afterSeqs(frame);
        } catch (IllegalArgumentException e) {
            return connection.sendText(Frames.error("invalid_field", e.getMessage(), chatId));
        }
        if (!session.subscriptions().containsKey(chatId)
                && session.subscriptions().size() >= config.maxSubscriptionsPerConnection()) {
            return connection.sendText(Frames.error("subscription_limit",
                    "At most " + config.maxSubscriptionsPerConnection() + " chats per connection", chatId));
        }
        return directory.resolve(session.caller(), session.bearer(), UUID.fromString(chatId))
                .invoke(entry -> {
                    Subscription previous = session.subscriptions().remove(chatId);
                    if (previous != null) {
                        fanout.unsubscribe(previous);
                    }
                    session.subscriptions().put(chatId, fanout.subscribe(chatId, frameSink(connection), afterSeqs));
                    Log.debugf("chatId=%s subscribed by connection %s", chatId, connection.id());
                })
                .replaceWithVoid()
                .onFailure(ProblemException.class).recoverWithUni(failure -> connection.sendText(
                        Frames.error("not_found", "No such chat", chatId)))
                .onFailure().recoverWithUni(failure -> {
                    Log.warnf(failure, "chatId=%s subscription failed", chatId);
                    return connection.sendText(Frames.error("unavailable", "Try again shortly", chatId));
                });
    }

    private Uni<Void> unsubscribe(JsonNode frame, ConnectionSession session, WebSocketConnection connection) {
        String chatId = frame.path("chatId").asText(null);
        if (chatId == null) {
            return connection.sendText(Frames.error("missing_field", "unsubscribe needs a chatId", null));
        }
        Subscription subscription = session.subscriptions().remove(chatId);
        if (subscription == null) {
            return connection.sendText(Frames.error("not_subscribed", "This connection does not follow that chat",
                    chatId));
        }
        fanout.unsubscribe(subscription);
        return connection.sendText(Frames.unsubscribed(chatId));
    }

    /** {@code afterSeq} is the chat stream's; {@code after} may name each stream's seq. */
    private static Map<EventStream, Long> afterSeqs(JsonNode frame) {
        Map<EventStream, Long> afterSeqs = new EnumMap<>(EventStream.class);
        if (frame.has("afterSeq")) {
            afterSeqs.put(EventStream.CHAT, nonNegative(frame.get("afterSeq"), "afterSeq"));
        }
        JsonNode after = frame.path("after");
        if (after.isObject()) {
            for (Iterator<String> names = after.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                EventStream stream = streamNamed(name);
                afterSeqs.put(stream, nonNegative(after.get(name), "after." + name));
            }
        }
        return afterSeqs;
    }

    private static EventStream streamNamed(String name) {
        for (EventStream stream : EventStream.values()) {
            if (stream.wireName().equals(name)) {
                return stream;
            }
        }
        throw new IllegalArgumentException("Unknown stream '" + name + "'; expected chat, workspace or lifecycle");
    }

    private static long nonNegative(JsonNode value, String field) {
        if (!value.canConvertToLong() || value.asLong() < 0 || !value.isIntegralNumber()) {
            throw new IllegalArgumentException(field + " must be a non-negative integer");
        }
        return value.asLong();
    }

    private static FrameSink frameSink(WebSocketConnection connection) {
        return frame -> connection.sendText(frame).subscribe().with(
                sent -> {
                },
                failure -> Log.debugf("Frame to connection %s not written: %s", connection.id(), failure.getMessage()));
    }
}
