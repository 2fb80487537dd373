package io.switchboard.chat.messaging;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.ShutdownEvent;
import io.switchboard.chat.service.PartitionOwnership;
import io.switchboard.chat.service.StreamRecovery;

/**
 * On a normal stop, hands every chat over while Kafka can still be written to: running turns end as
 * interrupted and every stream is checkpointed, so the next owner needs no recovery read.
 */
@ApplicationScoped
public class GracefulShutdown {

    private final PartitionOwnership ownership;
    private final StreamRecovery recovery;

    public GracefulShutdown(PartitionOwnership ownership, StreamRecovery recovery) {
        this.ownership = ownership;
        this.recovery = recovery;
    }

    void onStop(@Observes @Priority(1) ShutdownEvent event) {
        recovery.handOver(ownership.shutDown(), true);
    }
}
