package io.switchboard.gateway.ws;

import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.gateway.config.WsConfig;
import io.switchboard.gateway.fanout.ChatFanout;
import io.switchboard.gateway.fanout.EventStream;
import io.switchboard.gateway.fanout.Frames;
import io.switchboard.gateway.fanout.Subscription;
import io.switchboard.gateway.messaging.GapFillingSubscribe;
import io.switchboard.gateway.service.ChatDirectory;

/**
 * {@code subscribe} and {@code unsubscribe}: ownership is checked on every subscribe, and a chat of
 * another tenant is answered exactly like one that does not exist.
 */
@ApplicationScoped
public class ChatSubscriptions {

    private final ChatDirectory directory;
    private final ChatFanout fanout;
    private final GapFillingSubscribe gapFilling;
    private final WsConfig config;
    private final SocketMetrics metrics;

    public ChatSubscriptions(ChatDirectory directory, ChatFanout fanout, GapFillingSubscribe gapFilling,
            WsConfig config, SocketMetrics metrics) {
        this.directory = directory;
        this.fanout = fanout;
        this.gapFilling = gapFilling;
        this.config = config;
        this.metrics = metrics;
    }

    Uni<Void> subscribe(ClientFrame frame, SocketSession session) {
        String chatId = frame.chatId();
        Map<EventStream, Long> afterSeqs = afterSeqs(frame, chatId);
        if (!session.follows(chatId) && session.subscriptionCount() >= config.maxSubscriptionsPerConnection()) {
            throw new FrameRejected("subscription_limit",
                    "At most " + config.maxSubscriptionsPerConnection() + " chats per connection", chatId);
        }
        return ChatAccess.owned(directory, session, chatId, null, null).chain(entry -> {
            Subscription previous = session.removeSubscription(chatId);
            if (previous != null) {
                fanout.unsubscribe(previous);
                metrics.subscriptionsChanged(-1);
            }
            return gapFilling.subscribe(chatId, session.outbox(), afterSeqs);
        }).invoke(subscription -> {
            // Another subscribe of the chat on this connection may have finished while this one read back a gap.
            Subscription displaced = session.removeSubscription(chatId);
            if (displaced != null) {
                fanout.unsubscribe(displaced);
                metrics.subscriptionsChanged(-1);
            }
            if (session.addSubscription(chatId, subscription)) {
                metrics.subscriptionsChanged(1);
                Log.debugf("chatId=%s subscribed by connection %s", chatId, session.id());
            } else {
                fanout.unsubscribe(subscription);
            }
        }).replaceWithVoid();
    }

    Uni<Void> unsubscribe(ClientFrame frame, SocketSession session) {
        String chatId = frame.chatId();
        if (!end(session, chatId)) {
            throw new FrameRejected("not_subscribed", "This connection does not follow that chat", chatId);
        }
        session.send(Frames.unsubscribed(chatId));
        return Uni.createFrom().voidItem();
    }

    /** Ends the connection's subscription to the chat; false when it had none. */
    boolean end(SocketSession session, String chatId) {
        Subscription subscription = session.removeSubscription(chatId);
        if (subscription == null) {
            return false;
        }
        fanout.unsubscribe(subscription);
        metrics.subscriptionsChanged(-1);
        return true;
    }

    void releaseAll(Iterable<Subscription> subscriptions) {
        for (Subscription subscription : subscriptions) {
            fanout.unsubscribe(subscription);
            metrics.subscriptionsChanged(-1);
        }
    }

    /** {@code afterSeq} is the chat stream's; {@code after} may name each stream's seq. */
    private static Map<EventStream, Long> afterSeqs(ClientFrame frame, String chatId) {
        Map<EventStream, Long> afterSeqs = new EnumMap<>(EventStream.class);
        Long chatSeq = frame.nonNegative(frame.json().get("afterSeq"), "afterSeq", chatId);
        if (chatSeq != null) {
            afterSeqs.put(EventStream.CHAT, chatSeq);
        }
        JsonNode after = frame.json().path("after");
        if (!after.isMissingNode() && !after.isNull() && !after.isObject()) {
            throw FrameRejected.field(FrameRejected.INVALID_FIELD, "after",
                    "must be an object of seqs by stream, e.g. {\"chat\": 12}", chatId, null, null);
        }
        if (after.isObject()) {
            for (Iterator<String> names = after.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                EventStream stream = streamNamed(name, chatId);
                Long seq = frame.nonNegative(after.get(name), "after." + name, chatId);
                if (seq != null) {
                    afterSeqs.put(stream, seq);
                }
            }
        }
        return afterSeqs;
    }

    private static EventStream streamNamed(String name, String chatId) {
        for (EventStream stream : EventStream.values()) {
            if (stream.wireName().equals(name)) {
                return stream;
            }
        }
        throw FrameRejected.field(FrameRejected.INVALID_FIELD, "after",
                "names an unknown stream; expected chat, workspace or lifecycle", chatId, null, null);
    }
}
