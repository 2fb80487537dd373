package io.switchboard.events;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.events.json.EventJson;

/**
 * Derives the JSON Schema of an event type from its record. The schemas are checked in under
 * {@code src/main/resources/schemas}; {@link EventSchemaTest} fails when a record and its schema drift
 * apart. To regenerate after a deliberate change, run {@code main} with the events module as working
 * directory, review the diff, and bump {@link EventType#version()} where the change is incompatible.
 */
final class SchemaGenerator {

    private SchemaGenerator() {
    }

    static ObjectNode schemaFor(EventType type) {
        ObjectNode schema = EventJson.mapper().createObjectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("$id", "urn:switchboard:event:" + type.wireName() + ":v" + type.version());
        schema.put("title", type.wireName());
        schema.put("description", "A " + type.wireName() + " event on topic " + type.topic() + ", in its envelope.");
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        properties.set("id", uuid(false));
        properties.putObject("type").put("const", type.wireName());
        properties.set("chatId", uuid(false));
        properties.putObject("tenantId").put("type", "string");
        properties.putObject("seq").put("type", "integer").put("minimum", 0);
        properties.set("turnId", uuid(true));
        properties.putObject("at").put("type", "string").put("format", "date-time");
        properties.putObject("v").put("const", type.version());
        properties.set("payload", objectSchema(type.payloadClass()));
        ArrayNode required = schema.putArray("required");
        for (String field : new String[] {"id", "type", "chatId", "tenantId", "seq", "at", "v", "payload"}) {
            required.add(field);
        }
        return schema;
    }

    private static ObjectNode objectSchema(Class<?> recordClass) {
        ObjectNode schema = EventJson.mapper().createObjectNode();
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = schema.putArray("required");
        for (RecordComponent component : recordClass.getRecordComponents()) {
            boolean nullable = component.isAnnotationPresent(Nullable.class);
            properties.set(component.getName(), valueSchema(component.getGenericType(), nullable));
            if (!nullable) {
                required.add(component.getName());
            }
        }
        return schema;
    }

    private static JsonNode valueSchema(Type generic, boolean nullable) {
        if (generic instanceof ParameterizedType list && list.getRawType() == List.class) {
            ObjectNode schema = type(EventJson.mapper().createObjectNode(), "array", nullable);
            schema.set("items", valueSchema(list.getActualTypeArguments()[0], false));
            return schema;
        }
        Class<?> type = (Class<?>) generic;
        if (type.isRecord()) {
            return objectSchema(type);
        }
        ObjectNode schema = EventJson.mapper().createObjectNode();
        if (type == String.class) {
            type(schema, "string", nullable);
        } else if (type == UUID.class) {
            type(schema, "string", nullable).put("format", "uuid");
        } else if (type == Instant.class) {
            type(schema, "string", nullable).put("format", "date-time");
        } else if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
            type(schema, "integer", nullable);
        } else if (type == boolean.class || type == Boolean.class) {
            type(schema, "boolean", nullable);
        } else if (JsonNode.class.isAssignableFrom(type)) {
            type(schema, "object", nullable);
        } else if (type.isEnum()) {
            type(schema, "string", nullable);
            ArrayNode values = schema.putArray("enum");
            for (Object constant : type.getEnumConstants()) {
                values.add(EventJson.mapper().convertValue(constant, String.class));
            }
            if (nullable) {
                values.addNull();
            }
        } else {
            throw new IllegalArgumentException("No schema mapping for " + type);
        }
        return schema;
    }

    private static ObjectNode uuid(boolean nullable) {
        ObjectNode schema = EventJson.mapper().createObjectNode();
        return type(schema, "string", nullable).put("format", "uuid");
    }

    private static ObjectNode type(ObjectNode schema, String name, boolean nullable) {
        if (nullable) {
            schema.putArray("type").add(name).add("null");
        } else {
            schema.put("type", name);
        }
        return schema;
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "src/main/resources/schemas");
        Files.createDirectories(dir);
        for (EventType type : EventType.values()) {
            Path file = dir.resolve(type.wireName() + ".schema.json");
            Files.writeString(file, EventJson.mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(schemaFor(type)) + "\n");
        }
    }
}
