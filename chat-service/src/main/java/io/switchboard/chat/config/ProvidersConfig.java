package io.switchboard.chat.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The model providers this instance talks to. Endpoints are named maps so that several can be configured at
 * once, each from environment variables alone:
 *
 * <pre>
 * SWITCHBOARD_PROVIDERS_OPENAI_CLOUD_API_KEY=sk-...            an OpenAI-compatible endpoint named "cloud"
 * SWITCHBOARD_PROVIDERS_OPENAI_CLOUD_MODELS=gpt-4o-mini,gpt-4o
 * SWITCHBOARD_PROVIDERS_OPENAI_OLLAMA_BASE_URL=http://127.0.0.1:11434/v1
 * SWITCHBOARD_PROVIDERS_OPENAI_OLLAMA_MODELS=ollama/llama3=llama3.1:8b
 * SWITCHBOARD_PROVIDERS_ANTHROPIC_CLAUDE_API_KEY=sk-ant-...     an Anthropic endpoint named "claude"
 * SWITCHBOARD_PROVIDERS_ANTHROPIC_CLAUDE_MODELS=claude-sonnet-4-5
 * </pre>
 *
 * Nothing here has a default secret: an endpoint without models contributes nothing, and with no endpoint at
 * all only the built-in {@code offline} model exists.
 */
@ConfigMapping(prefix = "switchboard.providers")
public interface ProvidersConfig {

    /** The model a chat uses when it names none. */
    @WithDefault("offline")
    String defaultModel();

    /** OpenAI-compatible chat completions endpoints (OpenAI, vLLM, Ollama, llama.cpp server, OpenRouter), by name. */
    Map<String, Endpoint> openai();

    /** Anthropic Messages API endpoints, by name. */
    Map<String, Endpoint> anthropic();

    interface Endpoint {

        /**
         * The API root, up to and including the version path; unset means the provider's public API
         * ({@code https://api.openai.com/v1}, {@code https://api.anthropic.com/v1}).
         */
        Optional<String> baseUrl();

        /** The key sent to the provider; optional for local OpenAI-compatible servers, required for Anthropic. */
        Optional<String> apiKey();

        /**
         * The models offered through this endpoint: either the provider's model id ({@code gpt-4o-mini}), or
         * {@code alias=provider-model-id} ({@code ollama/llama3=llama3.1:8b}) to let chats select it by another name.
         */
        Optional<List<String>> models();

        /** How many tokens of history and tools fit in one request, as clients are told. */
        @WithDefault("128000")
        int contextWindowTokens();

        /** The most tokens one answer may have; unset lets an OpenAI-compatible server decide (Anthropic: 4096). */
        Optional<Integer> maxOutputTokens();

        /** Sampling temperature; unset leaves the provider's default. */
        Optional<Double> temperature();

        /** Whether the agent's tools are offered to these models. */
        @WithDefault("true")
        boolean supportsTools();

        /** Time allowed to open the connection. */
        @WithDefault("10s")
        Duration connectTimeout();

        /** Time allowed from sending the request to the provider's first streamed event. */
        @WithDefault("60s")
        Duration firstEventTimeout();

        /** Time allowed between two streamed events once the stream is flowing. */
        @WithDefault("30s")
        Duration idleTimeout();

        /** How often a failure that happened before anything was streamed is retried. */
        @WithDefault("2")
        int maxRetries();

        /** The wait before the first retry; it doubles on each further retry. */
        @WithDefault("500ms")
        Duration retryBackoff();
    }
}
