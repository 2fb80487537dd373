package io.switchboard.session.model;

public enum MessageRole {
    USER,
    ASSISTANT
}
