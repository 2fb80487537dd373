package io.switchboard.gateway.ws;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.gateway.fanout.Frames;

/**
 * A client frame that cannot be carried out, answered with an error frame. The frame names the chat
 * and the client's own reference (clientMessageId or turnId) when the request had them, and never
 * anything the client did not send.
 */
final class FrameRejected extends RuntimeException {

    private final String code;
    private final String chatId;
    private final String refField;
    private final String refValue;

    FrameRejected(String code, String message) {
        this(code, message, null, null, null);
    }

    FrameRejected(String code, String message, String chatId) {
        this(code, message, chatId, null, null);
    }

    FrameRejected(String code, String message, String chatId, String refField, String refValue) {
        super(message, null, false, false);
        this.code = code;
        this.chatId = chatId;
        this.refField = refField;
        this.refValue = refValue;
    }

    /** The error frame; {@code requestType} is the type of the frame it answers, when known. */
    String toFrame(String requestType) {
        ObjectNode frame = Frames.node("error");
        frame.put("code", code);
        frame.put("message", getMessage());
        if (requestType != null) {
            frame.put("request", requestType);
        }
        if (chatId != null) {
            frame.put("chatId", chatId);
        }
        if (refField != null && refValue != null) {
            frame.put(refField, refValue);
        }
        return Frames.write(frame);
    }
}
