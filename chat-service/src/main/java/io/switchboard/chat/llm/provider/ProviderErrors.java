package io.switchboard.chat.llm.provider;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import io.switchboard.chat.llm.ModelException;

/**
 * Turns whatever a provider call failed with into a {@link ModelException} with a stable reason. Once the step
 * has streamed something to the user nothing is retryable, and a broken stream is {@code malformed_stream}.
 * Messages name the endpoint and quote the provider's own explanation, never the key.
 */
public final class ProviderErrors {

    /** How providers say that the conversation does not fit (OpenAI, vLLM, llama.cpp, Anthropic). */
    private static final Pattern CONTEXT_TOO_LONG = Pattern.compile(
            "context_length_exceeded|maximum context length|context length|context window|context size"
                    + "|prompt is too long|too many tokens|reduce the length|input is too long",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern QUOTA_EXHAUSTED = Pattern.compile("insufficient_quota|billing",
            Pattern.CASE_INSENSITIVE);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LONGEST_DETAIL = 300;

    private final String source;
    private final Optional<String> secret;

    public ProviderErrors(ModelSettings settings) {
        this.source = settings.provider() + " endpoint '" + settings.endpoint() + "' (model " + settings.modelId()
                + ")";
        this.secret = settings.apiKey().filter(key -> !key.isBlank());
    }

    /** Maps a failure of the call; {@code started} tells whether anything reached the user already. */
    public ModelException map(Throwable failure, boolean started) {
        ModelException mapped = classify(failure, started);
        if (started && mapped.retryable()) {
            return new ModelException(mapped.reason(), mapped.getMessage(), false, mapped.getCause());
        }
        return mapped;
    }

    /** The provider answered a non-success HTTP status (or an error event standing for one). */
    public ModelException fromStatus(int status, String body, boolean started, Throwable cause) {
        String detail = detail(body);
        String message = source + " answered HTTP " + status + (detail.isEmpty() ? "" : ": " + detail);
        if (started) {
            return new ModelException(ModelException.PROVIDER_ERROR, message, false, cause);
        }
        if (status == 401 || status == 403) {
            return new ModelException(ModelException.AUTHENTICATION, message, false, cause);
        }
        if (status == 429) {
            boolean quota = QUOTA_EXHAUSTED.matcher(body == null ? "" : body).find();
            return new ModelException(ModelException.RATE_LIMITED, message, !quota, cause);
        }
        if (status == 408) {
            return new ModelException(ModelException.PROVIDER_TIMEOUT, message, true, cause);
        }
        if (status == 413 || (status >= 400 && status < 500 && CONTEXT_TOO_LONG.matcher(detailOrBody(detail, body))
                .find())) {
            return new ModelException(ModelException.CONTEXT_TOO_LONG, message, false, cause);
        }
        if (status >= 500) {
            return new ModelException(ModelException.PROVIDER_UNAVAILABLE, message, true, cause);
        }
        return new ModelException(ModelException.PROVIDER_ERROR, message, false, cause);
    }

    /** The provider reported an error inside the stream. */
    public ModelException inStream(int statusEquivalent, String body, boolean started) {
        return fromStatus(statusEquivalent, body, started, null);
    }

    /** The stream closed before the provider said it was finished. */
    public ModelException endedEarly(boolean started) {
        return new ModelException(ModelException.MALFORMED_STREAM,
                source + " closed the stream before the answer was finished", !started);
    }

    /** A streamed event could not be understood. */
    public ModelException malformed(String what, boolean started, Throwable cause) {
        return new ModelException(ModelException.MALFORMED_STREAM, source + " sent " + what, !started, cause);
    }

    /** Removes the key from any text about to leave this class, in case a provider echoes it. */
    public String scrub(String text) {
        if (text == null) {
            return "";
        }
        return secret.map(key -> text.replace(key, "***")).orElse(text);
    }

    private ModelException classify(Throwable failure, boolean started) {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            if (current instanceof ModelException model) {
                return model;
            }
            if (current instanceof HttpException http) {
                return fromStatus(http.statusCode(), http.getMessage(), started, failure);
            }
            if (current instanceof HttpConnectTimeoutException || current instanceof ConnectException
                    || current instanceof UnresolvedAddressException || current instanceof UnknownHostException
                    || current instanceof NoRouteToHostException
                    || current instanceof UnresolvedModelServerException) {
                return new ModelException(ModelException.PROVIDER_UNAVAILABLE,
                        source + " cannot be reached: " + describe(current), true, failure);
            }
            if (current instanceof HttpTimeoutException) {
                return new ModelException(ModelException.PROVIDER_TIMEOUT,
                        source + " did not answer in time", true, failure);
            }
            if (current instanceof JsonProcessingException) {
                return malformed("an event that is not valid JSON", started, failure);
            }
        }
        for (Throwable current = failure; current != null; current = current.getCause()) {
            if (current instanceof IOException) {
                return started
                        ? new ModelException(ModelException.MALFORMED_STREAM,
                                source + " broke off the stream: " + describe(current), false, failure)
                        : new ModelException(ModelException.PROVIDER_UNAVAILABLE,
                                source + " dropped the connection: " + describe(current), true, failure);
            }
            if (current instanceof AuthenticationException) {
                return new ModelException(ModelException.AUTHENTICATION, source + " refused the key", false, failure);
            }
            if (current instanceof RateLimitException) {
                return new ModelException(ModelException.RATE_LIMITED, source + " is rate limiting", true, failure);
            }
            if (current instanceof InternalServerException) {
                return new ModelException(ModelException.PROVIDER_UNAVAILABLE, source + " failed: "
                        + describe(current), true, failure);
            }
        }
        return new ModelException(ModelException.PROVIDER_ERROR, source + " failed: " + describe(failure), false,
                failure);
    }

    private String describe(Throwable failure) {
        String message = failure.getMessage();
        String text = message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
        return shorten(scrub(text));
    }

    /** The provider's own explanation: {@code error.message} of a JSON error body, else the body itself. */
    private String detail(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String explanation = body.strip();
        try {
            JsonNode tree = JSON.readTree(body);
            JsonNode error = tree.path("error");
            if (error.isTextual()) {
                explanation = error.asText();
            } else if (error.path("message").isTextual()) {
                explanation = error.path("message").asText();
            } else if (tree.path("message").isTextual()) {
                explanation = tree.path("message").asText();
            }
        } catch (JsonProcessingException | RuntimeException e) {
            // Not JSON (an HTML error page from a proxy, say): the raw text is all there is.
        }
        return shorten(scrub(explanation));
    }

    private static String detailOrBody(String detail, String body) {
        return body == null ? detail : detail + " " + body;
    }

    private static String shorten(String text) {
        String single = text.replaceAll("\\s+", " ").strip();
        return single.length() <= LONGEST_DETAIL ? single : single.substring(0, LONGEST_DETAIL) + "...";
    }
}
