package io.switchboard.chat.llm.openai;

import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.switchboard.chat.llm.provider.LangChain4jModel;
import io.switchboard.chat.llm.provider.ModelSettings;
import io.switchboard.chat.llm.provider.ProviderHttpClient;

/**
 * A model behind an OpenAI-compatible chat completions endpoint: OpenAI itself, vLLM, Ollama, llama.cpp server,
 * OpenRouter. Token usage is asked for in the stream ({@code stream_options.include_usage}).
 */
public final class OpenAiCompatibleModel extends LangChain4jModel {

    public static final String PROVIDER = "openai";
    public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

    public OpenAiCompatibleModel(ModelSettings settings, ProviderHttpClient http) {
        super(settings, http, new OpenAiSse());
    }

    @Override
    protected StreamingChatModel newModel(HttpClientBuilder transport) {
        return OpenAiStreamingChatModel.builder()
                .httpClientBuilder(transport)
                .baseUrl(settings.baseUrlText())
                .apiKey(settings.apiKey().orElse(null))
                .modelName(settings.modelId())
                .maxTokens(settings.effectiveMaxOutputTokens())
                .temperature(settings.temperature().orElse(null))
                .logRequests(false)
                .logResponses(false)
                .build();
    }
}
