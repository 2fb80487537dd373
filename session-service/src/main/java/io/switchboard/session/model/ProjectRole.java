package io.switchboard.session.model;

import java.util.Locale;
import java.util.Optional;

/** A member's role in a project: each one may do what the one after it may, and more. */
public enum ProjectRole {
    /** Manages the members, and everything an editor may. */
    OWNER,
    /** Creates and changes the project's chats and sends to them. */
    EDITOR,
    /** Reads the project's chats and their streams, and nothing more. */
    VIEWER;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean mayEdit() {
        return this != VIEWER;
    }

    public static Optional<ProjectRole> parse(String wire) {
        for (ProjectRole role : values()) {
            if (role.wireName().equals(wire)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
