package io.switchboard.session.model;

public enum MessageStatus {
    COMPLETE,
    FAILED,
    CANCELLED
}
