package io.switchboard.chat.llm;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A tool offered to the model.
 *
 * @param parameters a JSON Schema object describing the arguments
 */
public record ToolSpec(String name, String description, JsonNode parameters) {
}
