package io.switchboard.chat.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "switchboard.chat")
public interface ChatConfig {

    /**
     * How long text deltas are gathered before one TextDelta event carries them: fewer, larger
     * records instead of one per token. The first piece of each model step is not held back.
     */
    @WithDefault("40ms")
    Duration coalesceWindow();

    /** The built-in model that needs no provider. */
    Offline offline();

    /** How turns share this instance. */
    Scheduling scheduling();

    /** What a model is given and allowed in one turn. */
    Turns turns();

    interface Offline {

        /** Words the offline model streams per second. */
        @WithDefault("20")
        int wordsPerSecond();

        /** Words in each offline answer after its fixed preamble. */
        @WithDefault("24")
        int replyWords();

        /** Most words a {@code /words} directive may ask for; a larger number is cut to it. */
        @WithDefault("2000")
        int maxReplyWords();

        /** Fastest rate a {@code /rate} directive may ask for, in words per second. */
        @WithDefault("1000")
        int maxWordsPerSecond();

        /** Longest wait a {@code /stall SECONDS} directive may ask for; {@code /stall} alone waits until the turn ends. */
        @WithDefault("5m")
        Duration maxStall();

        /** The context budget the offline model reports; history beyond it is trimmed. */
        @WithDefault("32000")
        int contextWindowTokens();
    }

    interface Scheduling {

        /** Turns running at once on this instance; more wait in a fair order across tenants and chats. */
        @WithDefault("1000")
        int maxRunningTurns();

        /** Turns of one tenant running at once on this instance. */
        @WithDefault("200")
        int maxRunningTurnsPerTenant();

        /**
         * Turns of one tenant queued or running on this instance; a message beyond it ends at once with
         * TurnFailed {@code tenant_limit}.
         */
        @WithDefault("2000")
        int maxPendingTurnsPerTenant();

        /** Turns waiting in one chat's queue; a message beyond it ends with TurnFailed {@code chat_queue_full}. */
        @WithDefault("50")
        int maxQueuedTurnsPerChat();

        /** How long a chat stays loaded in memory after its last activity. */
        @WithDefault("10m")
        Duration idleLaneEviction();

        /** How long a rebalance or shutdown waits for running turns to record their interruption. */
        @WithDefault("20s")
        Duration handoverTimeout();

        /**
         * How long a stopping instance lets its running turns finish before it hands its chats over. Meanwhile it
         * starts no turn and still takes commands, so what is queued runs on the next owner; turns still running
         * at the end are interrupted. 0 hands over at once (running turns end as {@code interrupted}).
         */
        @WithDefault("0s")
        Duration drainTimeout();
    }

    interface Turns {

        /** Model steps in one turn; a model still calling tools after them ends with {@code tool_step_limit}. */
        @WithDefault("8")
        int maxSteps();

        /**
         * Tokens (input plus output) a chat may use in total; a turn started beyond it ends with
         * TurnFailed {@code token_budget_exceeded}. 0 means no budget.
         */
        @WithDefault("0")
        long chatTokenBudget();

        /**
         * Longest a turn may run, model steps and tools together, whatever the model does; beyond it the turn
         * ends with TurnFailed {@code turn_timeout} and the chat's next turn starts.
         */
        @WithDefault("10m")
        Duration maxDuration();

        /**
         * Longest answer a turn keeps, in characters; the rest of a longer one is neither streamed nor stored, and
         * the answer ends with a note saying so. Keeps every event far below the broker's record size.
         */
        @WithDefault("100000")
        int maxAnswerChars();

        /** Longest tool-call arguments shown in a ToolCallStarted event; longer ones are shown as a preview. */
        @WithDefault("16000")
        int maxToolArgumentsChars();

        /** Tokens kept free for the answer when the history is trimmed to the model's context window. */
        @WithDefault("2048")
        int answerReserveTokens();

        /** The instructions every conversation starts with. */
        @WithDefault("You are a helpful assistant working in the user's git workspace. Use the tools to read "
                + "and change files when the task needs it.")
        String systemPrompt();
    }
}
