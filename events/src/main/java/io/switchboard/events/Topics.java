package io.switchboard.events;

import java.util.List;

/**
 * Names of the Kafka topics. Every topic here is keyed by chatId and created with the same
 * partition count, so one chat's records share a partition number across all of them.
 */
public final class Topics {

    public static final String CHAT_COMMANDS = "chat.commands";
    public static final String CHAT_EVENTS = "chat.events";
    public static final String SESSION_LIFECYCLE = "session.lifecycle";
    public static final String WORKSPACE_EVENTS = "workspace.events";

    /** Every chat-scoped topic; the infrastructure creates exactly these at start. */
    public static final List<String> CHAT_SCOPED = List.of(CHAT_COMMANDS, CHAT_EVENTS, SESSION_LIFECYCLE, WORKSPACE_EVENTS);

    /** Suffix of the dead-letter topic of each topic: records a consumer gave up on, keyed as they were. */
    public static final String DEAD_LETTER_SUFFIX = ".dlq";

    /** The dead-letter topics, one per chat-scoped topic; the infrastructure creates them beside the others. */
    public static final List<String> DEAD_LETTER = CHAT_SCOPED.stream().map(Topics::deadLetter).toList();

    private Topics() {
    }

    /** The dead-letter topic of a topic. */
    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
