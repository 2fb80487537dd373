package io.switchboard.events.json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.switchboard.events.Envelope;
import io.switchboard.events.EventPayload;
import io.switchboard.events.EventType;

/**
 * JSON form of envelopes. The payload's Java type is chosen by the envelope's {@code type}, so the
 * wire format stays plain JSON that non-Java consumers can read with the published schemas.
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private EventJson() {
    }

    /** The mapper used for events; shared so services render payloads exactly as the wire does. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] toBytes(Envelope envelope) {
        try {
            return MAPPER.writeValueAsBytes(toTree(envelope));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot serialise event " + envelope.id(), e);
        }
    }

    public static String toJson(Envelope envelope) {
        return new String(toBytes(envelope), StandardCharsets.UTF_8);
    }

    public static ObjectNode toTree(Envelope envelope) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", envelope.id().toString());
        node.put("type", envelope.type());
        node.put("chatId", envelope.chatId());
        node.put("tenantId", envelope.tenantId());
        node.put("seq", envelope.seq());
        if (envelope.turnId() != null) {
            node.put("turnId", envelope.turnId().toString());
        } else {
            node.putNull("turnId");
        }
        node.put("at", envelope.at().toString());
        node.put("v", envelope.v());
        node.set("payload", MAPPER.valueToTree(envelope.payload()));
        return node;
    }

    public static Envelope fromBytes(byte[] bytes) {
        try {
            return fromTree(MAPPER.readTree(bytes));
        } catch (IOException e) {
            throw new MalformedEventException(MalformedEventException.MALFORMED, "Not JSON: " + e.getMessage(), e);
        }
    }

    public static Envelope fromJson(String json) {
        return fromBytes(json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads an envelope and checks it against the contract: a known type in a version this build reads, every
     * required payload field present, every text clean (see {@link io.switchboard.events.text.TextRules}).
     * Records come from any producer with access to the topic, so nothing here trusts the writer.
     */
    public static Envelope fromTree(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw malformed("An event must be a JSON object");
        }
        String typeName = text(node, "type");
        EventType type = EventType.byWireName(typeName)
                .orElseThrow(() -> new MalformedEventException(MalformedEventException.UNKNOWN_TYPE,
                        "Unknown event type: " + typeName));
        int version = integer(node, "v", type.version());
        if (version < 1 || version > type.version()) {
            throw new MalformedEventException(MalformedEventException.UNSUPPORTED_VERSION,
                    typeName + " version " + version + " is not one this build reads (1 to " + type.version() + ")");
        }
        JsonNode payloadNode = node.get("payload");
        if (payloadNode == null || !payloadNode.isObject()) {
            throw new MalformedEventException(MalformedEventException.INVALID_PAYLOAD, "Missing payload object");
        }
        EventPayload payload;
        try {
            payload = MAPPER.treeToValue(payloadNode, type.payloadClass());
        } catch (IOException | RuntimeException e) {
            throw new MalformedEventException(MalformedEventException.INVALID_PAYLOAD,
                    "Invalid " + typeName + " payload: " + e.getMessage(), e);
        }
        PayloadChecks.check(payload, "payload");
        try {
            JsonNode turnId = node.get("turnId");
            return new Envelope(
                    UUID.fromString(text(node, "id")),
                    typeName,
                    optionalText(node, "chatId"),
                    optionalText(node, "tenantId"),
                    seq(node),
                    turnId == null || turnId.isNull() ? null : UUID.fromString(turnId.asText()),
                    Instant.parse(text(node, "at")),
                    version,
                    payload);
        } catch (MalformedEventException e) {
            throw e;
        } catch (RuntimeException e) {
            throw malformed("Invalid " + typeName + " envelope: " + e.getMessage());
        }
    }

    private static MalformedEventException malformed(String message) {
        return new MalformedEventException(MalformedEventException.MALFORMED, message);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || !value.isTextual()) {
            throw malformed("Missing text field: " + field);
        }
        return value.asText();
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw malformed(field + " must be a string");
        }
        return value.asText();
    }

    private static long seq(JsonNode node) {
        JsonNode value = node.get("seq");
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            throw malformed("seq must be a non-negative integer");
        }
        return value.longValue();
    }

    private static int integer(JsonNode node, String field, int absent) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return absent;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw malformed(field + " must be an integer");
        }
        return value.intValue();
    }
}
