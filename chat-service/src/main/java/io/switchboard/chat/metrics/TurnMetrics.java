package io.switchboard.chat.metrics;

import java.time.Duration;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.switchboard.chat.llm.ModelRegistry;
import io.switchboard.chat.model.TurnStatus;
import io.switchboard.chat.tools.AgentToolbox;
import io.switchboard.events.chat.TokenUsage;

/**
 * What operators watch turns by: how they end (by outcome, reason and model), how long the model takes to its
 * first text, the tokens each tenant spends and how tool calls fare. Tag values that come from outside (a
 * model name a client asked for, a tool name a model made up) are folded into {@code unknown}, so no request can
 * grow the number of series.
 */
@ApplicationScoped
public class TurnMetrics {

    public static final String TURNS_ENDED = "switchboard.turns.ended";
    public static final String FIRST_TEXT = "switchboard.turns.first.text";
    public static final String TOKENS = "switchboard.tokens";
    public static final String TOOL_CALLS = "switchboard.tool.calls";

    static final String UNKNOWN = "unknown";
    private static final Pattern REASON = Pattern.compile("[a-z_]{1,40}");

    private final MeterRegistry registry;
    private final ModelRegistry models;

    public TurnMetrics(MeterRegistry registry, ModelRegistry models) {
        this.registry = registry;
        this.models = models;
    }

    /** A turn's ending as published; {@code usage} is what the turn spent (nothing for an unanswered one). */
    public void ended(String tenantId, String model, TurnStatus status, String reason, TokenUsage usage) {
        Counter.builder(TURNS_ENDED)
                .description("Turns ended, by outcome, reason and model")
                .tag("outcome", status.name().toLowerCase())
                .tag("reason", status == TurnStatus.COMPLETED ? "none" : reasonTag(reason))
                .tag("model", modelTag(model))
                .register(registry)
                .increment();
        if (usage != null) {
            tokens(tenantId, "input", usage.inputTokens());
            tokens(tenantId, "output", usage.outputTokens());
        }
    }

    /** From the turn's start to the first text of its answer streamed to the chat. */
    public void firstText(String model, Duration elapsed) {
        Timer.builder(FIRST_TEXT)
                .description("Time from a turn's start to the first text of its answer")
                .tag("model", modelTag(model))
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(2))
                .register(registry)
                .record(elapsed);
    }

    public void toolCall(String tool, boolean failed) {
        Counter.builder(TOOL_CALLS)
                .description("Tool calls run for models, by tool and outcome")
                .tag("tool", AgentToolbox.offers(tool) ? tool : UNKNOWN)
                .tag("outcome", failed ? "failed" : "succeeded")
                .register(registry)
                .increment();
    }

    private void tokens(String tenantId, String kind, long count) {
        if (count <= 0) {
            return;
        }
        Counter.builder(TOKENS)
                .description("Model tokens spent, by tenant and kind (input or output)")
                .tag("tenant", tenantId == null ? UNKNOWN : tenantId)
                .tag("kind", kind)
                .register(registry)
                .increment(count);
    }

    private String modelTag(String model) {
        String name = model == null || model.isBlank() ? models.defaultModel() : model;
        return models.find(name).isPresent() ? name : UNKNOWN;
    }

    private static String reasonTag(String reason) {
        return reason != null && REASON.matcher(reason).matches() ? reason : "other";
    }
}
