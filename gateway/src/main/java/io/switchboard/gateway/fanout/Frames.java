package io.switchboard.gateway.fanout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.events.Envelope;
import io.switchboard.events.json.EventJson;

/** The JSON frames the gateway writes to WebSocket clients. */
public final class Frames {

    private Frames() {
    }

    public static String event(EventStream stream, Envelope event) {
        ObjectNode frame = node("event");
        frame.put("stream", stream.wireName());
        frame.set("event", EventJson.toTree(event));
        return write(frame);
    }

    /** The client must reload the chat from the message-history API: events between the two seqs are gone. */
    public static String resync(String chatId, EventStream stream, long lastDeliveredSeq, long nextSeq) {
        ObjectNode frame = node("resync");
        frame.put("chatId", chatId);
        frame.put("stream", stream.wireName());
        frame.put("lastDeliveredSeq", lastDeliveredSeq);
        frame.put("nextSeq", nextSeq);
        frame.put("reason", "events between lastDeliveredSeq and nextSeq are no longer retained");
        return write(frame);
    }

    /** The subscription is active; {@code state} is the chat's activity after {@code latestSeq}. */
    public static String subscribed(String chatId, long afterSeq, long latestSeq, ObjectNode state) {
        ObjectNode frame = node("subscribed");
        frame.put("chatId", chatId);
        frame.put("afterSeq", afterSeq);
        frame.put("latestSeq", latestSeq);
        frame.set("state", state);
        return write(frame);
    }

    public static String unsubscribed(String chatId) {
        return write(node("unsubscribed").put("chatId", chatId));
    }

    /** A subscription the gateway ended itself, and why. */
    public static String unsubscribed(String chatId, String reason) {
        return write(node("unsubscribed").put("chatId", chatId).put("reason", reason));
    }

    public static String pong() {
        return write(node("pong"));
    }

    /** A new frame of the given type, for the frames other packages render. */
    public static ObjectNode node(String type) {
        return EventJson.mapper().createObjectNode().put("type", type);
    }

    public static String write(ObjectNode frame) {
        try {
            return EventJson.mapper().writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot render frame", e);
        }
    }
}
