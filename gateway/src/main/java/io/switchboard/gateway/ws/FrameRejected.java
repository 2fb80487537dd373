package io.switchboard.gateway.ws;

import java.util.Comparator;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.gateway.fanout.Frames;

/**
 * A client frame that cannot be carried out, answered with an error frame. The frame names the chat
 * and the client's own reference (clientMessageId or turnId) when the request had them, the field at
 * fault when one is, and never anything the client did not send.
 */
final class FrameRejected extends RuntimeException {

    static final String MISSING_FIELD = "missing_field";
    static final String INVALID_FIELD = "invalid_field";

    private final String code;
    private final String field;
    private final String chatId;
    private final String refField;
    private final String refValue;

    FrameRejected(String code, String message) {
        this(code, message, null, null, null, null);
    }

    FrameRejected(String code, String message, String chatId) {
        this(code, message, null, chatId, null, null);
    }

    FrameRejected(String code, String message, String chatId, String refField, String refValue) {
        this(code, message, null, chatId, refField, refValue);
    }

    private FrameRejected(String code, String message, String field, String chatId, String refField, String refValue) {
        super(message, null, false, false);
        this.code = code;
        this.field = field;
        this.chatId = chatId;
        this.refField = refField;
        this.refValue = refValue;
    }

    /** A field the frame lacks or got wrong; the message starts with the field's name. */
    static FrameRejected field(String code, String field, String problem, String chatId, String refField,
            String refValue) {
        return new FrameRejected(code, field + " " + problem, field, chatId, refField, refValue);
    }

    /**
     * The first violation of a command the frame became, by field name: {@code missing_field} when the field
     * was absent, else {@code invalid_field}. The reference is left out when it is itself at fault, so that
     * nothing invalid is echoed.
     */
    static FrameRejected violated(ConstraintViolationException e, String chatId, String refField, String refValue) {
        ConstraintViolation<?> first = e.getConstraintViolations().stream()
                .min(Comparator.comparing((ConstraintViolation<?> v) -> fieldOf(v)).thenComparing(v -> v.getMessage()))
                .orElseThrow();
        String field = fieldOf(first);
        boolean refValid = e.getConstraintViolations().stream().noneMatch(v -> fieldOf(v).equals(refField));
        return field(first.getInvalidValue() == null ? MISSING_FIELD : INVALID_FIELD, field, first.getMessage(),
                chatId, refField, refValid ? refValue : null);
    }

    /** The error frame; {@code requestType} is the type of the frame it answers, when known. */
    String toFrame(String requestType) {
        ObjectNode frame = Frames.node("error");
        frame.put("code", code);
        frame.put("message", getMessage());
        if (field != null) {
            frame.put("field", field);
        }
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

    private static String fieldOf(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        return path.substring(path.lastIndexOf('.') + 1);
    }
}
