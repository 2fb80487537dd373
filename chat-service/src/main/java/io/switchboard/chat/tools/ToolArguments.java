package io.switchboard.chat.tools;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A tool call's arguments, checked against the tool's parameters: a JSON object, no unknown names,
 * every required one present, each of its declared type and range. Models get these wrong often
 * enough that every mistake must come back as a sentence they can fix the call from.
 */
final class ToolArguments {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, JsonNode> values;

    private ToolArguments(Map<String, JsonNode> values) {
        this.values = values;
    }

    static ToolArguments parse(ToolDefinition tool, String argumentsJson) {
        JsonNode root;
        if (argumentsJson == null || argumentsJson.isBlank()) {
            root = JSON.createObjectNode();
        } else {
            try {
                root = JSON.readTree(argumentsJson);
            } catch (JsonProcessingException e) {
                throw new ToolArgumentException("The arguments of " + tool.name() + " are not valid JSON: "
                        + e.getOriginalMessage() + ". Send a JSON object such as " + tool.example());
            }
        }
        if (root == null || !root.isObject()) {
            throw new ToolArgumentException("The arguments of " + tool.name() + " must be a JSON object such as "
                    + tool.example());
        }
        Map<String, JsonNode> values = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = root.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            ToolParameter parameter = tool.parameter(field.getKey());
            if (parameter == null) {
                unknown.add(field.getKey());
            } else if (!field.getValue().isNull()) {
                values.put(field.getKey(), checked(tool, parameter, field.getValue()));
            }
        }
        if (!unknown.isEmpty()) {
            throw new ToolArgumentException(tool.name() + " has no argument " + String.join(", ", unknown)
                    + "; its arguments are " + tool.parameterNames());
        }
        for (ToolParameter parameter : tool.parameters()) {
            if (parameter.required() && !values.containsKey(parameter.name())) {
                throw new ToolArgumentException(tool.name() + " needs the argument '" + parameter.name() + "' ("
                        + parameter.description() + ")");
            }
        }
        return new ToolArguments(values);
    }

    String string(String name) {
        JsonNode value = values.get(name);
        return value == null ? null : value.asText();
    }

    boolean flag(String name) {
        JsonNode value = values.get(name);
        return value != null && value.asBoolean();
    }

    Integer integer(String name) {
        JsonNode value = values.get(name);
        return value == null ? null : value.asInt();
    }

    private static JsonNode checked(ToolDefinition tool, ToolParameter parameter, JsonNode value) {
        String where = "'" + parameter.name() + "' of " + tool.name();
        switch (parameter.type()) {
            case STRING -> {
                if (!value.isTextual()) {
                    throw new ToolArgumentException(where + " must be a string");
                }
                if (parameter.min() != null && value.asText().length() < parameter.min()) {
                    throw new ToolArgumentException(where + " must not be empty");
                }
            }
            case BOOLEAN -> {
                if (!value.isBoolean()) {
                    throw new ToolArgumentException(where + " must be true or false");
                }
            }
            case INTEGER -> {
                if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                    throw new ToolArgumentException(where + " must be a whole number");
                }
                int number = value.asInt();
                if (parameter.min() != null && number < parameter.min()
                        || parameter.max() != null && number > parameter.max()) {
                    throw new ToolArgumentException(where + " must be between " + parameter.min() + " and "
                            + parameter.max() + ", was " + number);
                }
            }
        }
        return value;
    }
}
