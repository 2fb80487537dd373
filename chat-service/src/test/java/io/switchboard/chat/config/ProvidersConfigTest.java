package io.switchboard.chat.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

class ProvidersConfigTest {

    @Test
    void endpointsAreConfiguredFromEnvironmentVariablesAlone() {
        ProvidersConfig config = fromEnvironment(Map.of(
                "SWITCHBOARD_PROVIDERS_DEFAULT_MODEL", "gpt-4o-mini",
                "SWITCHBOARD_PROVIDERS_OPENAI_CLOUD_API_KEY", "sk-test",
                "SWITCHBOARD_PROVIDERS_OPENAI_CLOUD_MODELS", "gpt-4o-mini,gpt-4o",
                "SWITCHBOARD_PROVIDERS_OPENAI_OLLAMA_BASE_URL", "http://127.0.0.1:11434/v1",
                "SWITCHBOARD_PROVIDERS_OPENAI_OLLAMA_MODELS", "ollama/llama3=llama3.1:8b",
                "SWITCHBOARD_PROVIDERS_OPENAI_OLLAMA_IDLE_TIMEOUT", "2m",
                "SWITCHBOARD_PROVIDERS_ANTHROPIC_CLAUDE_API_KEY", "sk-ant-test",
                "SWITCHBOARD_PROVIDERS_ANTHROPIC_CLAUDE_MODELS", "claude-sonnet-4-5"));

        assertThat(config.defaultModel()).isEqualTo("gpt-4o-mini");
        assertThat(config.openai()).containsOnlyKeys("cloud", "ollama");
        assertThat(config.openai().get("cloud").apiKey()).contains("sk-test");
        assertThat(config.openai().get("cloud").models()).contains(List.of("gpt-4o-mini", "gpt-4o"));
        assertThat(config.openai().get("ollama").baseUrl()).contains("http://127.0.0.1:11434/v1");
        assertThat(config.openai().get("ollama").idleTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.openai().get("ollama").apiKey()).isEmpty();
        assertThat(config.anthropic()).containsOnlyKeys("claude");
        assertThat(config.anthropic().get("claude").models()).contains(List.of("claude-sonnet-4-5"));
    }

    @Test
    void withNothingConfiguredThereAreNoEndpoints() {
        ProvidersConfig config = fromEnvironment(Map.of());

        assertThat(config.defaultModel()).isEqualTo("offline");
        assertThat(config.openai()).isEmpty();
        assertThat(config.anthropic()).isEmpty();
    }

    private static ProvidersConfig fromEnvironment(Map<String, String> environment) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new EnvConfigSource(environment, 300))
                .withConverter(Duration.class, 100, new DurationConverter())
                .withMapping(ProvidersConfig.class)
                .build();
        return config.getConfigMapping(ProvidersConfig.class);
    }
}
