package io.switchboard.chat.llm;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import io.quarkus.runtime.Startup;
import io.switchboard.chat.config.ProvidersConfig;
import io.switchboard.chat.llm.provider.ProviderModels;

/**
 * The models this instance can run, by name: the built-in offline model (and any other {@link ChatModel} bean)
 * plus every configured provider model, the latter guarded by retries and timeouts. Built at start, so that a
 * configuration mistake stops the service rather than the first turn.
 */
@Startup
@ApplicationScoped
public class ModelRegistry {

    private final Map<String, ChatModel> models;
    private final String defaultModel;

    public ModelRegistry(Instance<ChatModel> beans, ProviderModels providers, ProvidersConfig config) {
        Map<String, ChatModel> byName = new LinkedHashMap<>();
        Stream.concat(beans.stream(), providers.models().stream()).forEach(model -> {
            if (byName.putIfAbsent(model.name(), model) != null) {
                throw new IllegalStateException("Two models are named '" + model.name() + "'");
            }
        });
        if (!byName.containsKey(config.defaultModel())) {
            throw new IllegalStateException("Invalid model configuration switchboard.providers.default-model: no "
                    + "model is named '" + config.defaultModel() + "'; configured: " + byName.keySet());
        }
        this.models = Map.copyOf(byName);
        this.defaultModel = config.defaultModel();
    }

    public Optional<ChatModel> find(String name) {
        return Optional.ofNullable(models.get(name));
    }

    public List<String> names() {
        return models.keySet().stream().sorted().toList();
    }

    /** What clients are told about every model, by name. */
    public List<ModelDescription> descriptions() {
        return models.values().stream().map(ChatModel::description)
                .sorted(Comparator.comparing(ModelDescription::name)).toList();
    }

    /** The model a chat uses when it names none. */
    public String defaultModel() {
        return defaultModel;
    }
}
