package io.switchboard.chat.llm.anthropic;

import java.util.Objects;

import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import io.switchboard.chat.llm.provider.LangChain4jModel;
import io.switchboard.chat.llm.provider.ModelSettings;
import io.switchboard.chat.llm.provider.ProviderHttpClient;

/** A model behind the Anthropic Messages API. */
public final class AnthropicModel extends LangChain4jModel {

    public static final String PROVIDER = "anthropic";
    public static final String DEFAULT_BASE_URL = "https://api.anthropic.com/v1";

    public AnthropicModel(ModelSettings settings, ProviderHttpClient http) {
        super(settings, http, new AnthropicSse());
    }

    @Override
    protected StreamingChatModel newModel(HttpClientBuilder transport) {
        return AnthropicStreamingChatModel.builder()
                .httpClientBuilder(transport)
                .baseUrl(settings.baseUrlText())
                .apiKey(settings.apiKey().orElseThrow(() -> new IllegalStateException(
                        "The anthropic endpoint '" + settings.endpoint() + "' has no api-key")))
                .modelName(settings.modelId())
                .maxTokens(Objects.requireNonNullElse(settings.effectiveMaxOutputTokens(),
                        ModelSettings.DEFAULT_MAX_OUTPUT_TOKENS))
                .temperature(settings.temperature().orElse(null))
                .logRequests(false)
                .logResponses(false)
                .build();
    }
}
