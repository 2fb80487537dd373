package io.switchboard.chat.llm.openai;

import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.langchain4j.http.client.sse.ServerSentEvent;
import io.switchboard.chat.llm.ModelException;
import io.switchboard.chat.llm.provider.ProviderErrors;
import io.switchboard.chat.llm.provider.SseProtocol;

/**
 * The chat completions stream: chunks as {@code data:} lines, {@code data: [DONE]} at the end. A chunk with a
 * {@code finish_reason} also counts as the end, for servers that close without {@code [DONE]}. An object with an
 * {@code error} member is how OpenAI, vLLM and OpenRouter report a failure after the stream began.
 */
final class OpenAiSse implements SseProtocol {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Error codes some servers send instead of an HTTP status. */
    private static final Map<String, Integer> STATUS_BY_CODE = Map.of(
            "rate_limit_exceeded", 429,
            "context_length_exceeded", 400,
            "invalid_api_key", 401,
            "invalid_request_error", 400,
            "server_error", 500,
            "internal_error", 500);

    @Override
    public boolean isEnd(ServerSentEvent event) {
        String data = event.data();
        if (data == null) {
            return false;
        }
        if ("[DONE]".equals(data.strip())) {
            return true;
        }
        if (!data.contains("finish_reason")) {
            return false;
        }
        JsonNode chunk = parse(data);
        for (JsonNode choice : chunk.path("choices")) {
            if (choice.path("finish_reason").isTextual()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Optional<ModelException> error(ServerSentEvent event, ProviderErrors errors, boolean started) {
        String data = event.data();
        if (data == null || !data.contains("\"error\"")) {
            return Optional.empty();
        }
        JsonNode error = parse(data).path("error");
        if (error.isMissingNode() || error.isNull()) {
            return Optional.empty();
        }
        return Optional.of(errors.inStream(status(error), data, started));
    }

    private static int status(JsonNode error) {
        JsonNode code = error.path("code");
        if (code.canConvertToInt() && code.asInt() >= 400 && code.asInt() < 600) {
            return code.asInt();
        }
        for (JsonNode name : new JsonNode[] {code, error.path("type")}) {
            Integer status = STATUS_BY_CODE.get(name.asText(""));
            if (status != null) {
                return status;
            }
        }
        // An unexplained failure inside the stream: the server broke down, not the request.
        return 500;
    }

    private static JsonNode parse(String data) {
        try {
            return JSON.readTree(data);
        } catch (JsonProcessingException e) {
            // LangChain4j parses the same chunk and reports what is wrong with it.
            return JSON.missingNode();
        }
    }
}
