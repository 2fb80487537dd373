package io.switchboard.chat.model;

public enum TurnStatus {
    QUEUED,
    RUNNING,
    COMPLETED,
    FAILED,
    CANCELLED
}
