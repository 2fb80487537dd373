package io.switchboard.chat.tools;

import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.chat.llm.ToolSpec;

/**
 * A tool the agent may call: its name, what it does, and its parameters.
 *
 * @param example a valid arguments object, quoted back to a model that got the arguments wrong
 */
record ToolDefinition(String name, String description, List<ToolParameter> parameters, String example) {

    ToolParameter parameter(String parameterName) {
        return parameters.stream().filter(p -> p.name().equals(parameterName)).findFirst().orElse(null);
    }

    String parameterNames() {
        return parameters.isEmpty() ? "none"
                : parameters.stream().map(ToolParameter::name).collect(Collectors.joining(", "));
    }

    /** The tool as models see it, with a JSON Schema object of its parameters. */
    ToolSpec spec() {
        return new ToolSpec(name, description, schema());
    }

    private JsonNode schema() {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode schema = json.objectNode();
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = json.arrayNode();
        for (ToolParameter parameter : parameters) {
            ObjectNode property = properties.putObject(parameter.name());
            property.put("type", parameter.type().jsonType);
            property.put("description", parameter.description());
            if (parameter.min() != null) {
                property.put(parameter.type() == ToolParameter.Type.STRING ? "minLength" : "minimum", parameter.min());
            }
            if (parameter.max() != null) {
                property.put("maximum", parameter.max());
            }
            if (parameter.required()) {
                required.add(parameter.name());
            }
        }
        schema.set("required", required);
        schema.put("additionalProperties", false);
        return schema;
    }
}
