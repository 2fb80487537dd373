package io.switchboard.gateway.fanout;

import io.switchboard.events.Topics;

/** The per-chat streams a client can follow; each has its own seq, assigned by its one producer. */
public enum EventStream {
    CHAT("chat", Topics.CHAT_EVENTS),
    WORKSPACE("workspace", Topics.WORKSPACE_EVENTS),
    LIFECYCLE("lifecycle", Topics.SESSION_LIFECYCLE);

    private final String wireName;
    private final String topic;

    EventStream(String wireName, String topic) {
        this.wireName = wireName;
        this.topic = topic;
    }

    public String wireName() {
        return wireName;
    }

    public String topic() {
        return topic;
    }
}
