package io.switchboard.chat.llm.provider;

import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import io.smallrye.mutiny.Multi;
import io.switchboard.chat.llm.ModelDescription;
import io.switchboard.chat.llm.ModelEvent;
import io.switchboard.chat.llm.ModelRequest;

/**
 * A provider model streamed through one of LangChain4j's provider modules. A LangChain4j model is built per step,
 * bound to that step's {@link ProviderCall}, so that cancelling the step aborts exactly its HTTP exchange; the
 * building is cheap and the connection pool is the endpoint's.
 */
public abstract class LangChain4jModel implements ProviderModel {

    protected final ModelSettings settings;
    private final ProviderHttpClient http;
    private final SseProtocol protocol;
    private final ProviderErrors errors;

    protected LangChain4jModel(ModelSettings settings, ProviderHttpClient http, SseProtocol protocol) {
        this.settings = settings;
        this.http = http;
        this.protocol = protocol;
        this.errors = new ProviderErrors(settings);
    }

    /** The LangChain4j model for one step, sending through {@code transport}. */
    protected abstract StreamingChatModel newModel(HttpClientBuilder transport);

    @Override
    public ModelDescription description() {
        return settings.description();
    }

    @Override
    public Multi<ModelEvent> stream(ModelRequest request, Runnable progress) {
        return Multi.createFrom().emitter(emitter -> {
            StreamingStep step = new StreamingStep(emitter, request, errors);
            ProviderCall call = http.newCall(protocol, errors, step, progress);
            emitter.onTermination(() -> {
                // A completed step has read its stream to the end; anything else is abandoned mid-way.
                if (!step.completed()) {
                    call.cancel();
                }
            });
            try {
                newModel(call.asBuilder()).chat(chatRequest(request), step);
            } catch (RuntimeException e) {
                step.onError(e);
            }
        });
    }

    private ChatRequest chatRequest(ModelRequest request) {
        ChatRequest.Builder chat = ChatRequest.builder().messages(MessageMapping.messages(request.messages()));
        if (settings.supportsTools() && !request.tools().isEmpty()) {
            chat.toolSpecifications(MessageMapping.tools(request.tools()));
        }
        return chat.build();
    }
}
