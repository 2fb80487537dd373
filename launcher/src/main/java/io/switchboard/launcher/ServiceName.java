package io.switchboard.launcher;

/** The four services, with the directory their packaged application is built in. */
public enum ServiceName {
    SESSION("session-service"),
    CHAT("chat-service"),
    WORKSPACE("git-workspace-service"),
    GATEWAY("gateway");

    private final String module;

    ServiceName(String module) {
        this.module = module;
    }

    public String module() {
        return module;
    }
}
