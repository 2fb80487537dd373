package io.switchboard.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.switchboard.events.Envelope;
import io.switchboard.events.EventType;
import io.switchboard.events.workspace.WorkspaceReady;
import io.switchboard.infra.Databases;
import io.switchboard.kit.outbox.Outbox;
import io.switchboard.testing.SuperuserDataSource;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.workspace.WorkspaceEvents.Published;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** An event written to the outbox goes out with its original id and seq, keyed by its chat, and leaves the table. */
@QuarkusTest
@WithTestResource(value = SwitchboardInfrastructureResource.class,
        initArgs = @ResourceArg(name = SwitchboardInfrastructureResource.DATABASE, value = Databases.WORKSPACES))
class OutboxRelayTest {

    @Inject
    Outbox outbox;

    @Inject
    @ReactiveDataSource(SuperuserDataSource.NAME)
    Pool pool;

    @Test
    void anEventInTheOutboxIsRelayedWithItsOriginalIdAndSeq() throws Throwable {
        String chatId = UUID.randomUUID().toString();
        // Written minutes ago with its own id and seq: the relay publishes it as it is, never re-stamped.
        Envelope stranded = new Envelope(UUID.randomUUID(), EventType.WORKSPACE_READY.wireName(), chatId,
                "tenant-" + UUID.randomUUID(), 1, null, Instant.now().minus(Duration.ofMinutes(5)), 1,
                new WorkspaceReady(UUID.randomUUID(), "switchboard/" + chatId, "0".repeat(40)));
        try (WorkspaceEvents events = new WorkspaceEvents()) {
            VertxContextSupport.subscribeAndAwait(
                    () -> Panache.withTransaction(() -> outbox.append(stranded)));

            Published relayed = events.awaitEvent(chatId, "WorkspaceReady");

            assertThat(relayed.key()).isEqualTo(chatId);
            assertThat(relayed.envelope().id()).isEqualTo(stranded.id());
            assertThat(relayed.envelope().seq()).isEqualTo(1);
        }
        // Deleted only after Kafka's acknowledgement, which the record above already had.
        await().atMost(Duration.ofSeconds(10)).until(() -> pool.preparedQuery(
                "SELECT count(*) FROM outbox WHERE chat_id = $1").execute(Tuple.of(chatId))
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0) == 0);
    }
}
