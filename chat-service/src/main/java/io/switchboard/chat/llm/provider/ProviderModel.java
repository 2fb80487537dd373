package io.switchboard.chat.llm.provider;

import io.smallrye.mutiny.Multi;
import io.switchboard.chat.llm.ChatModel;
import io.switchboard.chat.llm.ModelEvent;
import io.switchboard.chat.llm.ModelRequest;

/**
 * A model behind a remote provider. Besides its events it reports progress: everything the provider sends,
 * including what is not an event yet (a tool call's arguments arriving piece by piece, keep-alive pings), so that
 * timeouts only fire when the provider has really gone quiet.
 */
public interface ProviderModel extends ChatModel {

    /** One attempt at the step; {@code progress} runs whenever the provider sends anything. */
    Multi<ModelEvent> stream(ModelRequest request, Runnable progress);

    @Override
    default Multi<ModelEvent> stream(ModelRequest request) {
        return stream(request, () -> {
        });
    }
}
