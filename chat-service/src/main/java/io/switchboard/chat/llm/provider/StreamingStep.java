package io.switchboard.chat.llm.provider;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.switchboard.chat.llm.ChatMessage;
import io.switchboard.chat.llm.ModelEvent;
import io.switchboard.chat.llm.ModelException;
import io.switchboard.chat.llm.ModelRequest;
import io.switchboard.events.chat.TokenUsage;

/**
 * Turns LangChain4j's callbacks for one step into {@link ModelEvent}s: text pieces as they come, each tool call
 * once it is complete, then exactly one {@link ModelEvent.Finished}, or one failure.
 */
final class StreamingStep implements StreamingChatResponseHandler, StepSink {

    private final MultiEmitter<? super ModelEvent> emitter;
    private final ModelRequest request;
    private final ProviderErrors errors;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final Set<String> emittedCalls = new HashSet<>();
    private volatile boolean started;
    private volatile boolean completed;
    private long outputChars;
    private int unnamedCalls;

    StreamingStep(MultiEmitter<? super ModelEvent> emitter, ModelRequest request, ProviderErrors errors) {
        this.emitter = emitter;
        this.request = request;
        this.errors = errors;
    }

    @Override
    public boolean started() {
        return started;
    }

    @Override
    public boolean ended() {
        return ended.get() || emitter.isCancelled();
    }

    /** Whether the step ended with its {@link ModelEvent.Finished}. */
    boolean completed() {
        return completed;
    }

    @Override
    public void fail(ModelException failure) {
        if (ended.compareAndSet(false, true)) {
            emitter.fail(failure);
        }
    }

    @Override
    public void onPartialResponse(String text) {
        if (text == null || text.isEmpty() || ended()) {
            return;
        }
        outputChars += text.length();
        emit(new ModelEvent.Text(text));
    }

    @Override
    public void onCompleteToolCall(CompleteToolCall call) {
        if (!ended()) {
            emitToolCall(call.toolExecutionRequest());
        }
    }

    @Override
    public void onCompleteResponse(ChatResponse response) {
        if (ended()) {
            return;
        }
        // Tool calls LangChain4j did not announce one by one are still in the final message.
        if (response.aiMessage() != null && response.aiMessage().toolExecutionRequests() != null) {
            for (ToolExecutionRequest call : response.aiMessage().toolExecutionRequests()) {
                emitToolCall(call);
            }
        }
        boolean reported = response.tokenUsage() != null;
        ModelEvent.Finished finished = new ModelEvent.Finished(usage(
                reported ? response.tokenUsage().inputTokenCount() : null,
                reported ? response.tokenUsage().outputTokenCount() : null));
        if (ended.compareAndSet(false, true)) {
            started = true;
            completed = true;
            emitter.emit(finished);
            emitter.complete();
        }
    }

    @Override
    public void onError(Throwable failure) {
        if (!ended()) {
            fail(errors.map(failure, started));
        }
    }

    private void emitToolCall(ToolExecutionRequest call) {
        String arguments = call.arguments() == null || call.arguments().isBlank() ? "{}" : call.arguments();
        String key = call.id() != null ? call.id() : call.name() + "\u0000" + arguments;
        if (!emittedCalls.add(key)) {
            return;
        }
        String id = call.id() != null && !call.id().isBlank() ? call.id() : "call-" + (++unnamedCalls);
        outputChars += arguments.length();
        emit(new ModelEvent.ToolCall(id, call.name(), arguments));
    }

    private void emit(ModelEvent event) {
        started = true;
        emitter.emit(event);
    }

    /** The provider's counts; where it gave none, a rough estimate of four characters per token. */
    private TokenUsage usage(Integer input, Integer output) {
        return new TokenUsage(
                input != null ? input : estimate(request.messages()),
                output != null ? output : (outputChars + 3) / 4);
    }

    private static long estimate(List<ChatMessage> messages) {
        long chars = 0;
        for (ChatMessage message : messages) {
            chars += message.text() == null ? 0 : message.text().length();
        }
        return (chars + 3) / 4;
    }
}
