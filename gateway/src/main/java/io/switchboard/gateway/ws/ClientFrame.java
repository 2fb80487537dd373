package io.switchboard.gateway.ws;

import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.events.ChatIds;
import io.switchboard.events.command.Delivery;
import io.switchboard.events.json.EventJson;

/** A parsed client frame with typed, validated access to its fields; bad input raises {@link FrameRejected}. */
final class ClientFrame {

    private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9._:/-]{1,100}");
    private static final Pattern CLIENT_MESSAGE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    private final JsonNode json;
    private final String type;

    private ClientFrame(JsonNode json, String type) {
        this.json = json;
        this.type = type;
    }

    static ClientFrame parse(String text) {
        JsonNode json;
        try {
            json = EventJson.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new FrameRejected("malformed_json", "The frame is not valid JSON");
        }
        if (json == null || !json.isObject() || !json.path("type").isTextual()) {
            throw new FrameRejected("missing_field", "A frame is a JSON object with a type");
        }
        return new ClientFrame(json, json.get("type").asText());
    }

    String type() {
        return type;
    }

    JsonNode json() {
        return json;
    }

    /** The chatId, a UUID, in lower case: the form every record key and map of the system uses. */
    String chatId() {
        if (!json.hasNonNull("chatId")) {
            throw new FrameRejected("missing_field", type + " needs a chatId");
        }
        String chatId = json.get("chatId").isTextual() ? ChatIds.normalise(json.get("chatId").asText()) : null;
        if (chatId == null) {
            throw new FrameRejected("invalid_chat_id", "chatId must be a UUID");
        }
        return chatId;
    }

    UUID turnId(String chatId) {
        if (!json.hasNonNull("turnId")) {
            throw new FrameRejected("missing_field", type + " needs a turnId", chatId);
        }
        JsonNode value = json.get("turnId");
        try {
            if (value.isTextual()) {
                UUID turnId = UUID.fromString(value.asText());
                if (turnId.toString().equals(value.asText())) {
                    return turnId;
                }
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw new FrameRejected("invalid_field", "turnId must be a UUID", chatId);
    }

    /** Message text: 1 to 32000 characters, not only whitespace. */
    String text(String chatId, String refField, String refValue) {
        if (!json.hasNonNull("text")) {
            throw new FrameRejected("missing_field", type + " needs a text", chatId, refField, refValue);
        }
        JsonNode value = json.get("text");
        if (!value.isTextual() || value.asText().isBlank() || value.asText().length() > 32000) {
            throw new FrameRejected("invalid_field", "text must be 1 to 32000 characters, not only whitespace",
                    chatId, refField, refValue);
        }
        return value.asText();
    }

    /** The optional clientMessageId; null when absent. */
    String clientMessageId(String chatId) {
        return optional("clientMessageId", CLIENT_MESSAGE_ID,
                "clientMessageId must be 1-100 letters, digits, '.', '_', ':' or '-'", chatId);
    }

    /** The optional model name; null when absent. */
    String model(String chatId) {
        return optional("model", MODEL, "model must be a model name", chatId);
    }

    /** The optional delivery of a message; null (the queue) when absent. */
    Delivery delivery(String chatId) {
        if (!json.hasNonNull("delivery")) {
            return null;
        }
        return switch (json.get("delivery").asText()) {
            case "queue" -> Delivery.QUEUE;
            case "now" -> Delivery.NOW;
            default -> throw new FrameRejected("invalid_field", "delivery must be \"queue\" or \"now\"", chatId);
        };
    }

    private String optional(String field, Pattern pattern, String explanation, String chatId) {
        if (!json.hasNonNull(field)) {
            return null;
        }
        JsonNode value = json.get(field);
        if (!value.isTextual() || !pattern.matcher(value.asText()).matches()) {
            throw new FrameRejected("invalid_field", explanation, chatId);
        }
        return value.asText();
    }

    /** A non-negative integer field, or null when absent. */
    Long nonNegative(JsonNode value, String field, String chatId) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0) {
            throw new FrameRejected("invalid_field", field + " must be a non-negative integer", chatId);
        }
        return value.asLong();
    }
}
