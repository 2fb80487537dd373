package io.switchboard.events.json;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.switchboard.events.Envelope;
import io.switchboard.events.EventPayload;
import io.switchboard.events.text.TextRules;

/**
 * Makes a payload the system produces from foreign text (model output, tool results, file contents) safe to
 * publish: every text in it is passed through {@link TextRules#sanitize(String)}, so no consumer ever has to
 * refuse an event of ours. A clean payload (nearly all of them) is returned as it is, without copying.
 */
public final class PayloadSanitizer {

    private static final ClassValue<Constructor<?>> CANONICAL = new ClassValue<>() {
        @Override
        protected Constructor<?> computeValue(Class<?> type) {
            Class<?>[] types = Arrays.stream(type.getRecordComponents())
                    .map(RecordComponent::getType).toArray(Class<?>[]::new);
            try {
                Constructor<?> constructor = type.getDeclaredConstructor(types);
                constructor.setAccessible(true);
                return constructor;
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("A record without its canonical constructor: " + type, e);
            }
        }
    };

    private PayloadSanitizer() {
    }

    /** The envelope with its payload cleaned; the same envelope when there was nothing to clean. */
    public static Envelope sanitize(Envelope envelope) {
        EventPayload clean = sanitize(envelope.payload());
        return clean == envelope.payload() ? envelope : new Envelope(envelope.id(), envelope.type(), envelope.chatId(),
                envelope.tenantId(), envelope.seq(), envelope.turnId(), envelope.at(), envelope.v(), clean);
    }

    @SuppressWarnings("unchecked")
    public static <P extends EventPayload> P sanitize(P payload) {
        return (P) clean(payload);
    }

    private static Object clean(Object value) {
        if (value instanceof String text) {
            return TextRules.sanitize(text);
        }
        if (value instanceof Record record) {
            return cleanRecord(record);
        }
        if (value instanceof JsonNode node) {
            return cleanTree(node);
        }
        if (value instanceof List<?> list) {
            List<Object> cleaned = new ArrayList<>(list.size());
            boolean changed = false;
            for (Object element : list) {
                Object clean = clean(element);
                changed |= clean != element;
                cleaned.add(clean);
            }
            return changed ? List.copyOf(cleaned) : list;
        }
        if (value instanceof Collection<?> || value instanceof Map<?, ?>) {
            // No payload of the contract holds these; refusing beats publishing them unchecked.
            PayloadChecks.check(value, "payload");
        }
        return value;
    }

    private static Object cleanRecord(Record record) {
        RecordComponent[] components = record.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        boolean changed = false;
        for (int i = 0; i < components.length; i++) {
            try {
                Object original = components[i].getAccessor().invoke(record);
                values[i] = clean(original);
                changed |= values[i] != original;
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("Cannot read " + components[i].getName(), e);
            }
        }
        if (!changed) {
            return record;
        }
        try {
            return CANONICAL.get(record.getClass()).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot rebuild " + record.getClass().getSimpleName(), e);
        }
    }

    private static JsonNode cleanTree(JsonNode node) {
        if (node.isTextual()) {
            String clean = TextRules.sanitize(node.asText());
            return clean == node.asText() ? node : TextNode.valueOf(clean);
        }
        if (node.isArray()) {
            ArrayNode copy = ((ArrayNode) node).arrayNode();
            boolean changed = false;
            for (JsonNode element : node) {
                JsonNode clean = cleanTree(element);
                changed |= clean != element;
                copy.add(clean);
            }
            return changed ? copy : node;
        }
        if (node.isObject()) {
            ObjectNode copy = ((ObjectNode) node).objectNode();
            boolean changed = false;
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                String name = TextRules.sanitize(field.getKey());
                JsonNode clean = cleanTree(field.getValue());
                changed |= clean != field.getValue() || !name.equals(field.getKey());
                copy.set(name, clean);
            }
            return changed ? copy : node;
        }
        return node;
    }
}
