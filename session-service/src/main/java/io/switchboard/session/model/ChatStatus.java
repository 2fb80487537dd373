package io.switchboard.session.model;

public enum ChatStatus {
    ACTIVE,
    ARCHIVED
}
