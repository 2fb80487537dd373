package io.switchboard.chat.llm.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.switchboard.chat.config.ProvidersConfig;
import io.switchboard.chat.llm.ModelDescription;

/** From configuration to the list of provider models, and the mistakes that stop the start. */
class ProviderModelsTest {

    @Test
    void everyModelOfEveryEndpointIsOfferedUnderItsNameOrAlias() {
        var settings = ProviderModels.settings(config(Map.of(
                "switchboard.providers.openai.cloud.api-key", "sk-cloud",
                "switchboard.providers.openai.cloud.models", "gpt-4o-mini,gpt-4o",
                "switchboard.providers.openai.ollama.base-url", "http://127.0.0.1:11434/v1",
                "switchboard.providers.openai.ollama.models", "ollama/llama3=llama3.1:8b",
                "switchboard.providers.openai.ollama.context-window-tokens", "8192",
                "switchboard.providers.anthropic.claude.api-key", "sk-ant",
                "switchboard.providers.anthropic.claude.models", "claude-sonnet-4-5")));

        assertThat(settings).extracting(ModelSettings::description).containsExactly(
                new ModelDescription("claude-sonnet-4-5", "anthropic", 128000, true),
                new ModelDescription("gpt-4o", "openai", 128000, true),
                new ModelDescription("gpt-4o-mini", "openai", 128000, true),
                new ModelDescription("ollama/llama3", "openai", 8192, true));
        ModelSettings llama = settings.get(3);
        assertThat(llama.modelId()).isEqualTo("llama3.1:8b");
        assertThat(llama.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:11434/v1"));
        assertThat(llama.apiKey()).isEmpty();
        assertThat(settings.get(0).baseUrl()).isEqualTo(URI.create("https://api.anthropic.com/v1"));
        assertThat(settings.get(1).baseUrl()).isEqualTo(URI.create("https://api.openai.com/v1"));
        assertThat(settings.get(1).retry()).isEqualTo(new RetryPolicy(2, Duration.ofMillis(500),
                Duration.ofSeconds(60), Duration.ofSeconds(30)));
    }

    @Test
    void theKeyNeverAppearsWhenSettingsArePrinted() {
        var settings = ProviderModels.settings(config(Map.of(
                "switchboard.providers.openai.cloud.api-key", "sk-very-secret",
                "switchboard.providers.openai.cloud.models", "gpt-4o-mini")));

        assertThat(settings.get(0).toString()).contains("gpt-4o-mini").doesNotContain("sk-very-secret");
    }

    @Test
    void aNameConfiguredTwiceStopsTheStart() {
        assertThatThrownBy(() -> ProviderModels.settings(config(Map.of(
                "switchboard.providers.openai.vllm.base-url", "http://gpu-box:8000/v1",
                "switchboard.providers.openai.vllm.models", "llama3",
                "switchboard.providers.openai.ollama.base-url", "http://127.0.0.1:11434/v1",
                "switchboard.providers.openai.ollama.models", "llama3"))))
                .hasMessageContaining("switchboard.providers.openai.vllm.models")
                .hasMessageContaining("also configured by the openai endpoint 'ollama'");
    }

    @Test
    void theOfflineNameIsReserved() {
        assertThatThrownBy(() -> ProviderModels.settings(config(Map.of(
                "switchboard.providers.openai.local.base-url", "http://127.0.0.1:8080/v1",
                "switchboard.providers.openai.local.models", "offline=qwen2.5"))))
                .hasMessageContaining("'offline' is the built-in model's name");
    }

    @Test
    void anAnthropicEndpointWithoutKeyStopsTheStart() {
        assertThatThrownBy(() -> ProviderModels.settings(config(Map.of(
                "switchboard.providers.anthropic.claude.models", "claude-sonnet-4-5"))))
                .hasMessageContaining("switchboard.providers.anthropic.claude.api-key");
    }

    @Test
    void aBaseUrlThatIsNotHttpStopsTheStart() {
        assertThatThrownBy(() -> ProviderModels.settings(config(Map.of(
                "switchboard.providers.openai.local.base-url", "localhost:11434",
                "switchboard.providers.openai.local.models", "llama3"))))
                .hasMessageContaining("switchboard.providers.openai.local.base-url");
    }

    @Test
    void nothingConfiguredMeansNoProviderModel() {
        assertThat(ProviderModels.settings(config(Map.of()))).isEmpty();
    }

    private static ProvidersConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .withConverter(Duration.class, 100, new DurationConverter())
                .withMapping(ProvidersConfig.class)
                .build()
                .getConfigMapping(ProvidersConfig.class);
    }
}
