package io.switchboard.kit.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The transactional outbox of a service that turns it on with the build property
 * {@code switchboard.outbox.enabled=true}; its records go to the outgoing channel {@value Outbox#CHANNEL}.
 */
@ConfigMapping(prefix = "switchboard.outbox")
public interface OutboxConfig {

    /**
     * Read at build time ({@link Outbox#ENABLED}): without it the outbox's beans do not exist, so a service
     * with no outbox table (or no database) neither relays nor needs the outbox's extensions.
     */
    @WithDefault("false")
    boolean enabled();

    /** Most entries one relay pass claims; a full pass is followed by another right away. */
    @WithDefault("200")
    int batchSize();

    /** Keys published side by side in one pass; within a key, entries always go one at a time. */
    @WithDefault("32")
    int parallelKeys();

    /**
     * How long the relay waits for Kafka to acknowledge one record. Past it the entry stays and is sent again
     * on a later pass (consumers drop the duplicate by chatId and seq), and the key's later entries wait.
     */
    @WithDefault("30s")
    Duration publishTimeout();

    /**
     * How often the relay looks at the table without being told to: for entries an earlier pass could not
     * publish, and in case the database's commit notifications were missed. The gauges are refreshed then too.
     */
    @WithDefault("1s")
    Duration sweepInterval();
}
