package io.switchboard.session.model;

import java.util.Locale;

public enum ChatStatus {
    ACTIVE,
    ARCHIVED,
    COMPLETED;

    /** As the API and session.lifecycle write it. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
