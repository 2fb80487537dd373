package io.switchboard.chat.llm.provider;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.switchboard.chat.llm.ModelDescription;

/**
 * Everything one configured provider model needs.
 *
 * @param name                the name chats select it by (an alias, or the provider's model id)
 * @param provider            {@code openai} or {@code anthropic}: the API the endpoint speaks
 * @param endpoint            the configured endpoint's name, for messages and logs
 * @param modelId             the model id sent to the provider
 * @param baseUrl             the API root, up to and including the version path
 * @param apiKey              the provider key; never logged, never part of {@link #toString()}
 * @param contextWindowTokens what clients are told fits in one request
 * @param maxOutputTokens     the answer's token limit, when one is set
 * @param temperature         the sampling temperature, when one is set
 * @param supportsTools       whether tools are offered to the model
 * @param connectTimeout      time allowed to open a connection
 * @param retry               retries and stream timeouts
 */
public record ModelSettings(String name, String provider, String endpoint, String modelId, URI baseUrl,
                            Optional<String> apiKey, int contextWindowTokens, Optional<Integer> maxOutputTokens,
                            Optional<Double> temperature, boolean supportsTools, Duration connectTimeout,
                            RetryPolicy retry) {

    /** The answer's token limit when none is configured: no provider call may answer without bound. */
    public static final int DEFAULT_MAX_OUTPUT_TOKENS = 4096;

    /**
     * The answer limit to send: the configured one, the default when none is configured, or none (null) when
     * configured as 0, for reasoning models that refuse {@code max_tokens}; the turn's deadline and the answer
     * cap still bound those.
     */
    public Integer effectiveMaxOutputTokens() {
        if (maxOutputTokens.isEmpty()) {
            return DEFAULT_MAX_OUTPUT_TOKENS;
        }
        return maxOutputTokens.get() > 0 ? maxOutputTokens.get() : null;
    }

    public ModelDescription description() {
        return new ModelDescription(name, provider, contextWindowTokens, supportsTools);
    }

    /** The base URL without a trailing slash, as LangChain4j appends paths to it. */
    public String baseUrlText() {
        String text = baseUrl.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    /** Names the model and where it lives; the key stays out. */
    @Override
    public String toString() {
        return "ModelSettings[name=" + name + ", provider=" + provider + ", endpoint=" + endpoint + ", modelId="
                + modelId + ", baseUrl=" + baseUrl + ", apiKey=" + (apiKey.isPresent() ? "***" : "none") + "]";
    }
}
