package io.switchboard.chat.llm.provider;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.switchboard.chat.config.ProvidersConfig;
import io.switchboard.chat.llm.ChatModel;
import io.switchboard.chat.llm.OfflineModel;
import io.switchboard.chat.llm.anthropic.AnthropicModel;
import io.switchboard.chat.llm.openai.OpenAiCompatibleModel;

/**
 * Builds the configured provider models, each guarded by {@link RetryBeforeFirstToken}. A configuration mistake
 * (a model named twice, a reserved name, a bad URL, an Anthropic endpoint without a key) stops the start with a
 * message naming the key to fix; keys themselves are never printed.
 */
@ApplicationScoped
public class ProviderModels {

    private final ExecutorService executor = Executors.newCachedThreadPool(daemonThreads());
    private final List<ChatModel> models;

    public ProviderModels(ProvidersConfig config) {
        List<ChatModel> built = new ArrayList<>();
        Map<String, ProviderHttpClient> clients = new HashMap<>();
        for (ModelSettings settings : settings(config)) {
            ProviderHttpClient http = clients.computeIfAbsent(settings.provider() + "/" + settings.endpoint(),
                    key -> new ProviderHttpClient(settings.baseUrl(), settings.connectTimeout(),
                            settings.retry().firstEventTimeout(), executor));
            ProviderModel model = switch (settings.provider()) {
                case AnthropicModel.PROVIDER -> new AnthropicModel(settings, http);
                default -> new OpenAiCompatibleModel(settings, http);
            };
            built.add(new RetryBeforeFirstToken(model, settings.retry(), Infrastructure.getDefaultWorkerPool()));
            Log.infof("Model %s: %s endpoint '%s' at %s, model id %s", settings.name(), settings.provider(),
                    settings.endpoint(), settings.baseUrl(), settings.modelId());
        }
        this.models = List.copyOf(built);
    }

    /** The provider models, each ready to stream. */
    public List<ChatModel> models() {
        return models;
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    /** Every configured model, checked; endpoints without models contribute nothing. */
    public static List<ModelSettings> settings(ProvidersConfig config) {
        Map<String, ModelSettings> byName = new TreeMap<>();
        collect(config.openai(), OpenAiCompatibleModel.PROVIDER, OpenAiCompatibleModel.DEFAULT_BASE_URL, byName);
        collect(config.anthropic(), AnthropicModel.PROVIDER, AnthropicModel.DEFAULT_BASE_URL, byName);
        return List.copyOf(byName.values());
    }

    private static void collect(Map<String, ProvidersConfig.Endpoint> endpoints, String provider,
                                String defaultBaseUrl, Map<String, ModelSettings> byName) {
        for (Map.Entry<String, ProvidersConfig.Endpoint> entry : new TreeMap<>(endpoints).entrySet()) {
            String endpoint = entry.getKey();
            ProvidersConfig.Endpoint config = entry.getValue();
            String key = "switchboard.providers." + provider + "." + endpoint;
            URI baseUrl = baseUrl(config.baseUrl().orElse(defaultBaseUrl), key);
            if (provider.equals(AnthropicModel.PROVIDER) && config.apiKey().filter(k -> !k.isBlank()).isEmpty()
                    && config.models().filter(models -> !models.isEmpty()).isPresent()) {
                throw invalid(key + ".api-key", "the Anthropic API needs a key");
            }
            RetryPolicy retry = retryPolicy(config, key);
            if (config.models().filter(models -> !models.isEmpty()).isEmpty()) {
                Log.warnf("The %s endpoint '%s' offers no model: set %s.models", provider, endpoint, key);
            }
            for (String entryText : config.models().orElse(List.of())) {
                if (entryText.isBlank()) {
                    continue;
                }
                String[] parts = entryText.strip().split("=", 2);
                String name = parts[0].strip();
                String modelId = parts.length > 1 ? parts[1].strip() : name;
                if (name.isEmpty() || modelId.isEmpty()) {
                    throw invalid(key + ".models", "'" + entryText + "' is neither a model id nor alias=model-id");
                }
                if (name.equals(OfflineModel.NAME)) {
                    throw invalid(key + ".models", "'" + OfflineModel.NAME + "' is the built-in model's name");
                }
                ModelSettings settings = new ModelSettings(name, provider, endpoint, modelId, baseUrl,
                        config.apiKey().filter(apiKey -> !apiKey.isBlank()), config.contextWindowTokens(),
                        config.maxOutputTokens(), config.temperature(), config.supportsTools(),
                        config.connectTimeout(), retry);
                ModelSettings earlier = byName.putIfAbsent(name, settings);
                if (earlier != null) {
                    throw invalid(key + ".models", "model name '" + name + "' is also configured by the "
                            + earlier.provider() + " endpoint '" + earlier.endpoint()
                            + "'; give one of them an alias (alias=model-id)");
                }
            }
        }
    }

    private static RetryPolicy retryPolicy(ProvidersConfig.Endpoint config, String key) {
        try {
            return new RetryPolicy(config.maxRetries(), config.retryBackoff(), config.firstEventTimeout(),
                    config.idleTimeout());
        } catch (IllegalArgumentException e) {
            throw invalid(key, e.getMessage());
        }
    }

    private static URI baseUrl(String text, String key) {
        try {
            URI uri = new URI(text.strip());
            if (uri.getHost() == null || !("http".equalsIgnoreCase(uri.getScheme())
                    || "https".equalsIgnoreCase(uri.getScheme()))) {
                throw invalid(key + ".base-url", "'" + text + "' is not an http(s) URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw invalid(key + ".base-url", "'" + text + "' is not a URL");
        }
    }

    private static IllegalStateException invalid(String key, String problem) {
        return new IllegalStateException("Invalid model configuration " + key + ": " + problem);
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "provider-stream-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
