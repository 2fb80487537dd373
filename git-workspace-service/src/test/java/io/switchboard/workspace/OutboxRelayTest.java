package io.switchboard.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.switchboard.events.Envelope;
import io.switchboard.events.EventType;
import io.switchboard.events.workspace.WorkspaceReady;
import io.switchboard.infra.Databases;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.workspace.WorkspaceEvents.Published;
import io.switchboard.workspace.repository.OutboxEvent;
import io.switchboard.workspace.repository.OutboxRepository;

/** An event whose first publication never happened still goes out, with its original id and seq. */
@QuarkusTest
@WithTestResource(value = SwitchboardInfrastructureResource.class,
        initArgs = @ResourceArg(name = SwitchboardInfrastructureResource.DATABASE, value = Databases.WORKSPACES))
class OutboxRelayTest {

    @Inject
    OutboxRepository outbox;

    @Test
    void anEventLeftUnpublishedIsRelayedWithItsOriginalIdAndSeq() throws Throwable {
        String chatId = UUID.randomUUID().toString();
        // As if written a while ago by a consumer that crashed, or lost the broker, right after committing.
        Envelope stranded = new Envelope(UUID.randomUUID(), EventType.WORKSPACE_READY.wireName(), chatId,
                "tenant-" + UUID.randomUUID(), 1, null, Instant.now().minus(Duration.ofMinutes(5)), 1,
                new WorkspaceReady(UUID.randomUUID(), "switchboard/" + chatId, "0".repeat(40)));
        try (WorkspaceEvents events = new WorkspaceEvents()) {
            VertxContextSupport.subscribeAndAwait(
                    () -> Panache.withTransaction(() -> outbox.persist(OutboxEvent.of(stranded))));

            Published relayed = events.awaitEvent(chatId, "WorkspaceReady");

            assertThat(relayed.key()).isEqualTo(chatId);
            assertThat(relayed.envelope().id()).isEqualTo(stranded.id());
            assertThat(relayed.envelope().seq()).isEqualTo(1);
        }
        OutboxEvent stored = VertxContextSupport.subscribeAndAwait(
                () -> Panache.withSession(() -> outbox.findById(stranded.id())));
        assertThat(stored.isPublished()).isTrue();
    }
}
