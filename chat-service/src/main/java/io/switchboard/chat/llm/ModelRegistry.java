package io.switchboard.chat.llm;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

/** The models this instance can run, by name. */
@ApplicationScoped
public class ModelRegistry {

    private final Map<String, ChatModel> models;

    public ModelRegistry(Instance<ChatModel> models) {
        this.models = models.stream().collect(Collectors.toUnmodifiableMap(ChatModel::name, Function.identity()));
    }

    public Optional<ChatModel> find(String name) {
        return Optional.ofNullable(models.get(name));
    }

    public List<String> names() {
        return models.keySet().stream().sorted().toList();
    }
}
