package io.switchboard.chat.llm;

import io.smallrye.mutiny.Multi;

/** A model that streams an answer as pieces of text. */
public interface ChatModel {

    /** The name chats select it by. */
    String name();

    Multi<String> stream(ModelRequest request);
}
