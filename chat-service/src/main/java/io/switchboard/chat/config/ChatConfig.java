package io.switchboard.chat.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "switchboard.chat")
public interface ChatConfig {

    /**
     * How long text deltas are gathered before one TextDelta event carries them: fewer, larger
     * records instead of one per token.
     */
    @WithDefault("40ms")
    Duration coalesceWindow();

    /** The built-in model that needs no provider. */
    Offline offline();

    interface Offline {

        /** Words the offline model streams per second. */
        @WithDefault("20")
        int wordsPerSecond();

        /** Words in each offline answer after its fixed preamble. */
        @WithDefault("24")
        int replyWords();

        /** The context budget the offline model reports; history beyond it is trimmed. */
        @WithDefault("32000")
        int contextWindowTokens();
    }
}
