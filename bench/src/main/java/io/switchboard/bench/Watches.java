package io.switchboard.bench;

import io.switchboard.events.Topics;

/**
 * What the services produced on the three event topics while the liveness checks and the flood ran: lets a
 * check tell a consumer that stopped (the event is in Kafka, never delivered) from a producer that did.
 */
record Watches(TopicWatch chatEvents, TopicWatch lifecycle, TopicWatch workspace) implements AutoCloseable {

    static Watches start(String bootstrapServers, int partitions) {
        return new Watches(TopicWatch.start(bootstrapServers, Topics.CHAT_EVENTS, partitions),
                TopicWatch.start(bootstrapServers, Topics.SESSION_LIFECYCLE, partitions),
                TopicWatch.start(bootstrapServers, Topics.WORKSPACE_EVENTS, partitions));
    }

    @Override
    public void close() {
        chatEvents.close();
        lifecycle.close();
        workspace.close();
    }
}
