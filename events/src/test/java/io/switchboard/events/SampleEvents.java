package io.switchboard.events;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.events.json.EventJson;

/** Builds an instance of any payload record, with a distinct value in every field. */
final class SampleEvents {

    private SampleEvents() {
    }

    static EventPayload payload(EventType type) {
        return (EventPayload) instance(type.payloadClass());
    }

    static Envelope envelope(EventType type) {
        return Envelope.of(UUID.randomUUID().toString(), "tenant-a", 3, UUID.randomUUID(), payload(type));
    }

    private static Object instance(Class<?> recordClass) {
        RecordComponent[] components = recordClass.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = components[i].getType() == List.class
                    ? List.of(value(elementType(components[i]), components[i].getName(), i))
                    : value(components[i].getType(), components[i].getName(), i);
        }
        try {
            return recordClass.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Class<?> elementType(RecordComponent component) {
        return (Class<?>) ((ParameterizedType) component.getGenericType()).getActualTypeArguments()[0];
    }

    private static Object value(Class<?> type, String name, int index) {
        if (type.isRecord()) {
            return instance(type);
        }
        if (type == String.class) {
            return name + "-value";
        }
        if (type == UUID.class) {
            return UUID.randomUUID();
        }
        if (type == Instant.class) {
            return Instant.parse("2026-01-02T03:04:05Z");
        }
        if (type == int.class || type == Integer.class) {
            return index + 1;
        }
        if (type == long.class) {
            return (long) index + 100;
        }
        if (type == boolean.class || type == Boolean.class) {
            return true;
        }
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            return constants[constants.length - 1];
        }
        if (JsonNode.class.isAssignableFrom(type)) {
            return EventJson.mapper().createObjectNode().put("path", "README.md");
        }
        throw new IllegalArgumentException("No sample for " + type);
    }
}
