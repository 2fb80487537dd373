package io.switchboard.kit.consumer;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How every Kafka consumer of a service treats a record it cannot handle (see {@link ConsumerFailurePolicy}). */
@ConfigMapping(prefix = "switchboard.consumer")
public interface ConsumerPolicyConfig {

    /**
     * Attempts at a record whose handling fails with an error that may pass (the first included). With the
     * default back-off, 8 attempts span about 20 s: a database or broker restart is ridden out, a lasting
     * failure is not waited on forever.
     */
    @WithDefault("8")
    int maxAttempts();

    /** Wait before the second attempt; it doubles up to {@link #maxBackoff()}. */
    @WithDefault("200ms")
    Duration initialBackoff();

    /** Longest wait between two attempts. */
    @WithDefault("5s")
    Duration maxBackoff();

    /** How long a dead-letter copy is retried while Kafka does not take it, before it is given up and logged. */
    @WithDefault("5m")
    Duration deadLetterPatience();
}
