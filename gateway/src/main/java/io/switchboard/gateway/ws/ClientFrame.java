package io.switchboard.gateway.ws;

import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;

import io.switchboard.events.ChatIds;
import io.switchboard.events.command.Delivery;
import io.switchboard.events.json.EventJson;

/**
 * A parsed client frame with typed access to its fields; bad input raises {@link FrameRejected}. It checks
 * JSON types and identifiers only: the texts it hands out become the same commands the REST API builds
 * ({@code MessageDraft}, {@code TurnEdit}), and the rules for text are theirs, checked in one place.
 */
final class ClientFrame {

    static final Set<String> TYPES = Set.of("subscribe", "unsubscribe", "send", "stop", "cancel", "edit",
            "subscribe_inbox", "unsubscribe_inbox", "subscribe_project", "unsubscribe_project", "ping");

    /** A frame is one JSON value, as a REST body is: anything after it is refused rather than ignored. */
    private static final ObjectReader READER = EventJson.mapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final JsonNode json;
    private final String type;

    private ClientFrame(JsonNode json, String type) {
        this.json = json;
        this.type = type;
    }

    static ClientFrame parse(String text) {
        JsonNode json;
        try {
            // Nesting and string lengths are bounded by Jackson's read constraints: a frame beyond them is
            // refused here like any other that is not JSON.
            json = READER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new FrameRejected("malformed_json", "The frame is not valid JSON");
        }
        if (json == null || !json.isObject() || !json.path("type").isTextual()) {
            throw new FrameRejected(FrameRejected.MISSING_FIELD, "A frame is a JSON object with a type");
        }
        return new ClientFrame(json, json.get("type").asText());
    }

    String type() {
        return type;
    }

    /** The type, to name in an error frame, when it is one the gateway knows: nothing else is echoed. */
    String requestType() {
        return TYPES.contains(type) ? type : null;
    }

    JsonNode json() {
        return json;
    }

    /** The chatId, a UUID, in lower case: the form every record key and map of the system uses. */
    String chatId() {
        if (!json.hasNonNull("chatId")) {
            throw FrameRejected.field(FrameRejected.MISSING_FIELD, "chatId", "is required for " + type, null, null,
                    null);
        }
        String chatId = json.get("chatId").isTextual() ? ChatIds.normalise(json.get("chatId").asText()) : null;
        if (chatId == null) {
            throw new FrameRejected("invalid_chat_id", "chatId must be a UUID");
        }
        return chatId;
    }

    /** The projectId, a UUID in its canonical lower-case form. */
    UUID projectId() {
        JsonNode value = json.get("projectId");
        if (value == null || value.isNull()) {
            throw FrameRejected.field(FrameRejected.MISSING_FIELD, "projectId", "is required for " + type, null, null,
                    null);
        }
        String projectId = value.isTextual() ? ChatIds.normalise(value.asText()) : null;
        if (projectId == null) {
            throw FrameRejected.field(FrameRejected.INVALID_FIELD, "projectId", "must be a UUID", null, null, null);
        }
        return UUID.fromString(projectId);
    }

    /** The turnId when the frame has one, null when absent; a malformed one is refused. */
    UUID optionalTurnId(String chatId) {
        return json.hasNonNull("turnId") ? turnId(chatId) : null;
    }

    UUID turnId(String chatId) {
        if (!json.hasNonNull("turnId")) {
            throw FrameRejected.field(FrameRejected.MISSING_FIELD, "turnId", "is required for " + type, chatId, null,
                    null);
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
        throw FrameRejected.field(FrameRejected.INVALID_FIELD, "turnId", "must be a UUID", chatId, null, null);
    }

    /** A text field as the client sent it, null when absent; any other JSON type is refused. */
    String string(String field, String chatId, String refField, String refValue) {
        if (!json.hasNonNull(field)) {
            return null;
        }
        JsonNode value = json.get(field);
        if (!value.isTextual()) {
            throw FrameRejected.field(FrameRejected.INVALID_FIELD, field, "must be a string", chatId, refField,
                    refValue);
        }
        return value.asText();
    }

    /** The optional delivery of a message; null (the queue) when absent. */
    Delivery delivery(String chatId, String refField, String refValue) {
        if (!json.hasNonNull("delivery")) {
            return null;
        }
        JsonNode value = json.get("delivery");
        if (value.isTextual() && value.asText().equals("queue")) {
            return Delivery.QUEUE;
        }
        if (value.isTextual() && value.asText().equals("now")) {
            return Delivery.NOW;
        }
        throw FrameRejected.field(FrameRejected.INVALID_FIELD, "delivery", "must be \"queue\" or \"now\"", chatId,
                refField, refValue);
    }

    /** A non-negative integer field, or null when absent. */
    Long nonNegative(JsonNode value, String field, String chatId) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0) {
            throw FrameRejected.field(FrameRejected.INVALID_FIELD, field, "must be a non-negative integer", chatId,
                    null, null);
        }
        return value.asLong();
    }
}
