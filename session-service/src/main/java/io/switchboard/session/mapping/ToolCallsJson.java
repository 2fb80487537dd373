package io.switchboard.session.mapping;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.session.api.ToolCallSummary;

/** An answer's tool calls as the message row keeps them: a JSON array of {@link ToolCallSummary}. */
public final class ToolCallsJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<List<ToolCallSummary>> LIST = new TypeReference<>() {
    };

    private ToolCallsJson() {
    }

    /** null for no calls: a question, or an answer that called no tool. */
    public static String write(List<ToolCallSummary> calls) {
        if (calls == null || calls.isEmpty()) {
            return null;
        }
        try {
            return MAPPER.writeValueAsString(calls);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Tool calls could not be written as JSON", e);
        }
    }

    public static List<ToolCallSummary> read(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return MAPPER.readValue(json, LIST);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A message's tool calls are not the JSON this service writes", e);
        }
    }
}
