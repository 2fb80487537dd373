package io.switchboard.chat.llm.anthropic;

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
 * The Messages stream: named events, {@code message_stop} at the end, and an {@code error} event (overloaded,
 * rate limited...) when the provider fails after the stream began.
 */
final class AnthropicSse implements SseProtocol {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The HTTP status each documented error type stands for. */
    private static final Map<String, Integer> STATUS_BY_TYPE = Map.of(
            "invalid_request_error", 400,
            "authentication_error", 401,
            "permission_error", 403,
            "not_found_error", 404,
            "request_too_large", 413,
            "rate_limit_error", 429,
            "api_error", 500,
            "timeout_error", 504,
            "overloaded_error", 529);

    @Override
    public boolean isEnd(ServerSentEvent event) {
        return "message_stop".equals(event.event())
                || (event.event() == null && event.data() != null && event.data().contains("\"message_stop\""));
    }

    @Override
    public Optional<ModelException> error(ServerSentEvent event, ProviderErrors errors, boolean started) {
        boolean named = "error".equals(event.event());
        if (!named && (event.data() == null || !event.data().contains("\"error\""))) {
            return Optional.empty();
        }
        JsonNode data = parse(event.data());
        if (!named && !"error".equals(data.path("type").asText())) {
            return Optional.empty();
        }
        int status = STATUS_BY_TYPE.getOrDefault(data.path("error").path("type").asText(""), 500);
        return Optional.of(errors.inStream(status, event.data(), started));
    }

    private static JsonNode parse(String data) {
        try {
            return data == null ? JSON.missingNode() : JSON.readTree(data);
        } catch (JsonProcessingException e) {
            return JSON.missingNode();
        }
    }
}
