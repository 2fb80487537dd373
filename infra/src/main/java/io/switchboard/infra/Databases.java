package io.switchboard.infra;

import java.util.List;

/** The PostgreSQL databases of the services; each service owns one. */
public final class Databases {

    public static final String SESSIONS = "sessions";
    public static final String CHATS = "chats";
    public static final String WORKSPACES = "workspaces";

    public static final List<String> ALL = List.of(SESSIONS, CHATS, WORKSPACES);

    private Databases() {
    }
}
