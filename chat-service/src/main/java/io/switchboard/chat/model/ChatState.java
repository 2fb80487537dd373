package io.switchboard.chat.model;

/** A chat as session.lifecycle last described it; only an active chat takes messages. */
public enum ChatState {
    ACTIVE,
    ARCHIVED,
    DELETED
}
