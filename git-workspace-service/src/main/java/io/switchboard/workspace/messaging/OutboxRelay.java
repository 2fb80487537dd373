package io.switchboard.workspace.messaging;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.switchboard.workspace.config.WorkspaceConfig;
import io.switchboard.workspace.service.OutboxService;

/**
 * Publishes events whose first publication failed, for example because the broker was down right
 * after the state change was committed. Without it such an event would wait for the chat's next
 * lifecycle event.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final int CHATS_PER_RUN = 100;

    private final OutboxService outbox;
    private final WorkspaceEventPublisher publisher;
    private final WorkspaceConfig config;

    public OutboxRelay(OutboxService outbox, WorkspaceEventPublisher publisher, WorkspaceConfig config) {
        this.outbox = outbox;
        this.publisher = publisher;
        this.config = config;
    }

    @Scheduled(every = "${switchboard.workspace.outbox.relay-interval}",
            delayed = "${switchboard.workspace.outbox.relay-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> relay() {
        return outbox.chatsPendingLongerThan(config.outbox().relayAfter(), CHATS_PER_RUN)
                .chain(this::publishAll)
                .onFailure().recoverWithItem(failure -> {
                    // The database is unreachable or shutting down: the next run tries again.
                    Log.warnf("Outbox relay skipped a run: %s", failure.getMessage());
                    return null;
                });
    }

    private Uni<Void> publishAll(List<UUID> chatIds) {
        Uni<Void> done = Uni.createFrom().voidItem();
        for (UUID chatId : chatIds) {
            done = done.chain(() -> {
                Log.infof("Chat %s: relaying unpublished workspace events", chatId);
                return publisher.publishPending(chatId);
            });
        }
        return done;
    }
}
