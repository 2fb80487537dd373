package io.switchboard.chat.llm.provider;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import io.switchboard.chat.llm.ChatMessage;
import io.switchboard.chat.llm.ModelEvent;
import io.switchboard.chat.llm.ToolSpec;

/** Our conversation and tools in LangChain4j's types; each provider module turns those into its wire format. */
public final class MessageMapping {

    private MessageMapping() {
    }

    public static List<dev.langchain4j.data.message.ChatMessage> messages(List<ChatMessage> messages) {
        List<dev.langchain4j.data.message.ChatMessage> mapped = new ArrayList<>(messages.size());
        for (ChatMessage message : messages) {
            if (message instanceof ChatMessage.System system) {
                mapped.add(SystemMessage.from(system.text()));
            } else if (message instanceof ChatMessage.User user) {
                mapped.add(UserMessage.from(user.text()));
            } else if (message instanceof ChatMessage.Assistant assistant) {
                boolean hasText = assistant.text() != null && !assistant.text().isBlank();
                // An answer with neither text nor tool calls carries nothing, and providers refuse empty content.
                if (hasText || !assistant.toolCalls().isEmpty()) {
                    mapped.add(AiMessage.builder()
                            .text(hasText ? assistant.text() : null)
                            .toolExecutionRequests(assistant.toolCalls().stream().map(MessageMapping::toolCall)
                                    .toList())
                            .build());
                }
            } else if (message instanceof ChatMessage.ToolResult result) {
                mapped.add(ToolExecutionResultMessage.builder()
                        .id(result.toolCallId())
                        .toolName(result.toolName())
                        .text(result.text())
                        .isError(result.error())
                        .build());
            }
        }
        return mapped;
    }

    public static List<ToolSpecification> tools(List<ToolSpec> tools) {
        return tools.stream().map(MessageMapping::tool).toList();
    }

    private static ToolExecutionRequest toolCall(ModelEvent.ToolCall call) {
        return ToolExecutionRequest.builder().id(call.id()).name(call.name()).arguments(call.argumentsJson()).build();
    }

    /**
     * The tool's JSON Schema goes through as written: its top level becomes LangChain4j's object schema and each
     * property stays raw, so nothing of the schema is lost in translation.
     */
    private static ToolSpecification tool(ToolSpec tool) {
        JsonObjectSchema.Builder schema = JsonObjectSchema.builder();
        JsonNode parameters = tool.parameters();
        if (parameters != null && parameters.isObject()) {
            if (parameters.path("description").isTextual()) {
                schema.description(parameters.path("description").asText());
            }
            schema.addProperties(raw(parameters.path("properties")));
            List<String> required = new ArrayList<>();
            parameters.path("required").forEach(name -> required.add(name.asText()));
            if (!required.isEmpty()) {
                schema.required(required);
            }
            if (parameters.path("additionalProperties").isBoolean()) {
                schema.additionalProperties(parameters.path("additionalProperties").asBoolean());
            }
            JsonNode definitions = parameters.has("$defs") ? parameters.path("$defs") : parameters.path("definitions");
            if (definitions.isObject() && definitions.size() > 0) {
                schema.definitions(raw(definitions));
            }
        }
        return ToolSpecification.builder()
                .name(tool.name())
                .description(tool.description())
                .parameters(schema.build())
                .build();
    }

    private static Map<String, JsonSchemaElement> raw(JsonNode object) {
        Map<String, JsonSchemaElement> elements = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            elements.put(field.getKey(), JsonRawSchema.from(field.getValue().toString()));
        }
        return elements;
    }
}
