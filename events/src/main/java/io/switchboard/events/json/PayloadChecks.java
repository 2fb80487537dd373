package io.switchboard.events.json;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.events.Nullable;
import io.switchboard.events.text.TextRules;

/**
 * Checks a payload read from the wire beyond what Jackson checks: every field the contract requires is
 * present, and every text in it, however deep, is clean. A record that fails here would otherwise crash
 * a handler (a null where none is expected) or a store (a NUL PostgreSQL refuses), far from its cause.
 */
final class PayloadChecks {

    private static final ClassValue<RecordComponent[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected RecordComponent[] computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            for (RecordComponent component : components) {
                component.getAccessor().setAccessible(true);
            }
            return components;
        }
    };

    private PayloadChecks() {
    }

    static void check(Object value, String path) {
        if (value instanceof String text) {
            TextRules.problem(text).ifPresent(problem -> {
                throw new MalformedEventException(MalformedEventException.INVALID_TEXT, path + " " + problem);
            });
        } else if (value instanceof Record record) {
            checkRecord(record, path);
        } else if (value instanceof JsonNode node) {
            checkTree(node, path);
        } else if (value instanceof Collection<?> collection) {
            int index = 0;
            for (Object element : collection) {
                check(element, path + "[" + index++ + "]");
            }
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                check(entry.getKey(), path);
                check(entry.getValue(), path + "." + entry.getKey());
            }
        }
    }

    private static void checkRecord(Record record, String path) {
        for (RecordComponent component : COMPONENTS.get(record.getClass())) {
            Object field;
            try {
                field = component.getAccessor().invoke(record);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("Cannot read " + component.getName(), e);
            }
            String fieldPath = path + "." + component.getName();
            if (field == null) {
                if (!component.isAnnotationPresent(Nullable.class)) {
                    throw new MalformedEventException(MalformedEventException.INVALID_PAYLOAD,
                            "missing required field " + fieldPath);
                }
            } else {
                check(field, fieldPath);
            }
        }
    }

    private static void checkTree(JsonNode node, String path) {
        if (node.isTextual()) {
            check(node.asText(), path);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkTree(node.get(i), path + "[" + i + "]");
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                check(field.getKey(), path);
                checkTree(field.getValue(), path + "." + field.getKey());
            }
        }
    }
}
