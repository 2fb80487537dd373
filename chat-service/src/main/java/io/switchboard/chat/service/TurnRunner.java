package io.switchboard.chat.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.opentelemetry.api.trace.Span;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.chat.config.ChatConfig;
import io.switchboard.chat.llm.ChatMessage;
import io.switchboard.chat.llm.ChatModel;
import io.switchboard.chat.llm.ModelEvent;
import io.switchboard.chat.llm.ModelException;
import io.switchboard.chat.llm.ModelRegistry;
import io.switchboard.chat.llm.ModelRequest;
import io.switchboard.chat.llm.ToolSpec;
import io.switchboard.chat.metrics.TurnMetrics;
import io.switchboard.chat.model.Turn;
import io.switchboard.chat.tools.AgentToolbox;
import io.switchboard.chat.tools.ToolOutcome;
import io.switchboard.chat.tracing.TurnTraces;
import io.switchboard.events.chat.TextDelta;
import io.switchboard.events.chat.TokenUsage;
import io.switchboard.events.chat.ToolCallFailed;
import io.switchboard.events.chat.ToolCallResult;
import io.switchboard.events.chat.ToolCallStarted;
import io.switchboard.events.json.EventJson;
import io.switchboard.events.text.TextRules;

/**
 * Runs one turn: model steps streamed as TextDelta events, the tools the model asks for run against the
 * chat's workspace between steps, until the model answers without tools. It only decides how the turn
 * ended; the lane publishes and records that ending, once.
 */
@ApplicationScoped
public class TurnRunner {

    public static final String TURN_TIMEOUT = "turn_timeout";

    private final ModelRegistry models;
    private final ContextBuilder context;
    private final AgentToolbox toolbox;
    private final ChatConfig config;
    private final TurnMetrics metrics;
    private final TurnTraces traces;

    public TurnRunner(ModelRegistry models, ContextBuilder context, AgentToolbox toolbox, ChatConfig config,
            TurnMetrics metrics, TurnTraces traces) {
        this.models = models;
        this.context = context;
        this.toolbox = toolbox;
        this.config = config;
        this.metrics = metrics;
        this.traces = traces;
    }

    /** Completes with the turn's outcome, whichever came first: its end or a stop; never fails. */
    public Uni<TurnOutcome> run(ChatLane lane, RunningTurn running) {
        Turn turn = running.turn();
        String modelName = turn.model() == null || turn.model().isBlank() ? models.defaultModel() : turn.model();
        Optional<ChatModel> model = models.find(modelName);
        if (model.isEmpty()) {
            return Uni.createFrom().item(TurnOutcome.failed("unknown_model",
                    "No model named '" + modelName + "' is configured"));
        }
        TurnProgress progress = new TurnProgress();
        List<ToolSpec> tools = model.get().description().supportsTools() ? toolbox.specs() : List.of();
        Uni<TurnOutcome> answered = context.build(turn, model.get().description())
                .chain(messages -> step(lane, turn, model.get(), new ArrayList<>(messages), tools, 1, progress))
                .onFailure().recoverWithItem(failure -> failedBy(turn, failure))
                .ifNoItem().after(config.turns().maxDuration()).recoverWithItem(() -> {
                    Log.warnf("chatId=%s turn %s ran longer than %s: ended", turn.chatId(), turn.id(),
                            config.turns().maxDuration());
                    return TurnOutcome.failed(TURN_TIMEOUT, "The turn ran longer than "
                            + config.turns().maxDuration().toSeconds() + " s and was ended");
                });
        return Uni.combine().any().of(answered, running.whenStopped())
                .map(outcome -> outcome.withFilesWritten(progress.wroteFiles.get()));
    }

    private Uni<TurnOutcome> step(ChatLane lane, Turn turn, ChatModel model, List<ChatMessage> messages,
            List<ToolSpec> tools, int stepNumber, TurnProgress progress) {
        StringBuilder stepText = new StringBuilder();
        List<ModelEvent.ToolCall> calls = new ArrayList<>();
        Span stepSpan = traces.child(turn.id(), "model step");
        stepSpan.setAttribute("switchboard.model", model.name());
        stepSpan.setAttribute("switchboard.step", stepNumber);
        return DeltaCoalescer.coalesce(model.stream(new ModelRequest(turn.chatId(), model.name(), messages, tools)),
                        config.coalesceWindow())
                .onItem().transformToUniAndConcatenate(event -> {
                    if (event instanceof ModelEvent.Text text) {
                        // Model output is foreign text: cleaned before it is kept, streamed or stored.
                        String kept = progress.keep(TextRules.sanitize(text.text()), config.turns().maxAnswerChars());
                        if (kept.isEmpty()) {
                            return Uni.createFrom().voidItem();
                        }
                        stepText.append(kept);
                        if (progress.firstText()) {
                            metrics.firstText(model.name(), progress.sinceStart());
                        }
                        return lane.publish(turn.id(), new TextDelta(kept)).replaceWithVoid();
                    }
                    if (event instanceof ModelEvent.ToolCall call) {
                        calls.add(call);
                    } else if (event instanceof ModelEvent.Finished finished) {
                        progress.add(finished.usage());
                    }
                    return Uni.createFrom().voidItem();
                })
                .collect().last()
                .onTermination().invoke((done, failure, cancelled) -> TurnTraces.end(stepSpan,
                        failure != null || cancelled, failure == null ? "cancelled" : describe(failure)))
                .chain(() -> {
                    if (calls.isEmpty()) {
                        return Uni.createFrom().item(TurnOutcome.completed(progress.answer(), progress.usage(),
                                false));
                    }
                    if (stepNumber >= config.turns().maxSteps()) {
                        return Uni.createFrom().item(TurnOutcome.failed("tool_step_limit",
                                "The model was still calling tools after " + stepNumber + " steps"));
                    }
                    messages.add(new ChatMessage.Assistant(stepText.toString(), calls));
                    return runTools(lane, turn, calls, messages, progress)
                            .chain(() -> step(lane, turn, model, messages, tools, stepNumber + 1, progress));
                });
    }

    private Uni<Void> runTools(ChatLane lane, Turn turn, List<ModelEvent.ToolCall> calls,
            List<ChatMessage> messages, TurnProgress progress) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (ModelEvent.ToolCall call : calls) {
            chain = chain
                    .chain(() -> lane.publish(turn.id(), new ToolCallStarted(call.id(), call.name(),
                            arguments(call.argumentsJson(), config.turns().maxToolArgumentsChars()))))
                    .chain(() -> {
                        Span toolSpan = traces.child(turn.id(), "tool call");
                        // The name is the model's text: one the toolbox does not offer is not worth a label.
                        toolSpan.setAttribute("switchboard.tool", AgentToolbox.offers(call.name()) ? call.name()
                                : "unknown");
                        return TurnTraces.within(toolSpan,
                                        () -> toolbox.execute(turn.tenantId(), turn.chatId(), turn.id(), call))
                                .onFailure().recoverWithItem(failure -> new ToolOutcome(
                                        "The tool could not be run: " + describe(failure), true))
                                .invoke(outcome -> TurnTraces.end(toolSpan, outcome.error(), outcome.text()));
                    })
                    .chain(outcome -> {
                        Log.infof("chatId=%s turn %s tool %s %s", turn.chatId(), turn.id(), call.name(),
                                outcome.error() ? "failed" : "succeeded");
                        metrics.toolCall(call.name(), outcome.error());
                        if (!outcome.error() && "write_file".equals(call.name())) {
                            progress.wroteFiles.set(true);
                        }
                        messages.add(new ChatMessage.ToolResult(call.id(), call.name(), outcome.text(),
                                outcome.error()));
                        return lane.publish(turn.id(), outcome.error()
                                ? new ToolCallFailed(call.id(), outcome.text())
                                : new ToolCallResult(call.id(), outcome.text()));
                    })
                    .replaceWithVoid();
        }
        return chain;
    }

    private static TurnOutcome failedBy(Turn turn, Throwable failure) {
        String reason = failure instanceof ModelException model ? model.reason() : ModelException.MODEL_ERROR;
        Log.warnf("chatId=%s turn %s failed: %s (%s)", turn.chatId(), turn.id(), reason, describe(failure));
        return TurnOutcome.failed(reason, describe(failure));
    }

    /** The arguments as the event shows them: the model's JSON, or a preview of it when it is too long. */
    private static JsonNode arguments(String json, int maxChars) {
        if (json.length() > maxChars) {
            int kept = Character.isHighSurrogate(json.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
            return EventJson.mapper().createObjectNode().put("truncated", true).put("length", json.length())
                    .put("preview", json.substring(0, kept));
        }
        try {
            JsonNode parsed = EventJson.mapper().readTree(json);
            if (parsed != null && parsed.isObject()) {
                return parsed;
            }
        } catch (Exception e) {
            // Not JSON: the model's text is kept as it came, for the client to show.
        }
        return EventJson.mapper().createObjectNode().put("raw", json);
    }

    private static String describe(Throwable failure) {
        return failure.getMessage() == null ? "The model stream ended with an error" : failure.getMessage();
    }

    /** What a turn has produced so far across its steps. */
    private static final class TurnProgress {

        private final StringBuilder answer = new StringBuilder();
        private boolean truncated;
        private final AtomicBoolean wroteFiles = new AtomicBoolean();
        private final long startedAt = System.nanoTime();
        private boolean textSeen;
        private long inputTokens;
        private long outputTokens;

        /** The part of a text delta the answer keeps: all of it until the answer reaches {@code max}. */
        synchronized String keep(String text, int max) {
            int room = max - answer.length();
            if (room >= text.length()) {
                answer.append(text);
                return text;
            }
            truncated = true;
            int kept = Math.max(0, room);
            if (kept > 0 && Character.isHighSurrogate(text.charAt(kept - 1))) {
                kept--;
            }
            String part = text.substring(0, kept);
            answer.append(part);
            return part;
        }

        /** True the first time only: the answer's first text is now being streamed. */
        synchronized boolean firstText() {
            boolean first = !textSeen;
            textSeen = true;
            return first;
        }

        Duration sinceStart() {
            return Duration.ofNanos(System.nanoTime() - startedAt);
        }

        synchronized String answer() {
            return truncated ? answer + "\n[answer truncated: it was longer than this service keeps]"
                    : answer.toString();
        }

        synchronized void add(TokenUsage usage) {
            inputTokens += usage.inputTokens();
            outputTokens += usage.outputTokens();
        }

        synchronized TokenUsage usage() {
            return new TokenUsage(inputTokens, outputTokens);
        }
    }
}
