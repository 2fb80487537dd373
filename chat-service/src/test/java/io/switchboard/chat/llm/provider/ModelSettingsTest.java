package io.switchboard.chat.llm.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ModelSettingsTest {

    @Test
    void everyProviderCallHasAnAnswerLimitUnlessZeroAsksForNone() {
        assertThat(settings(Optional.empty()).effectiveMaxOutputTokens())
                .isEqualTo(ModelSettings.DEFAULT_MAX_OUTPUT_TOKENS);
        assertThat(settings(Optional.of(512)).effectiveMaxOutputTokens()).isEqualTo(512);
        assertThat(settings(Optional.of(0)).effectiveMaxOutputTokens()).isNull();
    }

    private static ModelSettings settings(Optional<Integer> maxOutputTokens) {
        return new ModelSettings("m", "openai", "e", "m", URI.create("http://127.0.0.1:9/v1"), Optional.empty(),
                8192, maxOutputTokens, Optional.empty(), true, Duration.ofSeconds(1),
                new RetryPolicy(0, Duration.ofMillis(1), Duration.ofSeconds(1), Duration.ofSeconds(1)));
    }
}
