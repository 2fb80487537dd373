package io.switchboard.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.switchboard.infra.Databases;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.workspace.git.RepositoryLocks;

/**
 * The repository locks live in PostgreSQL, so another replica of the service sees them: while another session (as
 * another replica would) holds a chat's or its project's advisory lock, a commit of that chat waits rather than
 * racing it, and goes through once the lock is released.
 */
@QuarkusTest
@WithTestResource(value = SwitchboardInfrastructureResource.class,
        initArgs = @ResourceArg(name = SwitchboardInfrastructureResource.DATABASE, value = Databases.WORKSPACES))
class RepositoryLocksTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aCommitWaitsWhileAnotherReplicaHoldsTheChatsLock() throws Exception {
        ChatWorkspace chat = ChatWorkspace.create();
        commitWhileHeld(chat, RepositoryLocks.chatKey(chat.id()));
    }

    @Test
    void aCommitWaitsWhileAnotherReplicaHoldsTheProjectsLock() throws Exception {
        ChatWorkspace chat = ChatWorkspace.create();
        commitWhileHeld(chat, RepositoryLocks.projectKey(chat.projectId()));
    }

    @Test
    void projectsAndChatsHaveKeysOfTheirOwn() {
        UUID id = UUID.randomUUID();
        assertThat(RepositoryLocks.chatKey(id)).isNotEqualTo(RepositoryLocks.projectKey(id));
        assertThat(RepositoryLocks.chatKey(id)).isNotEqualTo(RepositoryLocks.chatKey(UUID.randomUUID()));
    }

    private void commitWhileHeld(ChatWorkspace chat, long key) throws Exception {
        chat.write("held.txt", "written before the lock was taken\n");
        CompletableFuture<Response> commit;
        try (Connection otherReplica = dataSource.getConnection()) {
            advisory(otherReplica, "SELECT pg_advisory_lock(?)", key);
            commit = CompletableFuture.supplyAsync(() -> chat.asOwner().contentType("application/json")
                    .body(Map.of("message", "While held")).post("/workspaces/{chatId}/commits"));
            // It waits as long as the lock is held; it is not refused.
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> !commit.isDone());
            advisory(otherReplica, "SELECT pg_advisory_unlock(?)", key);
        }
        await().atMost(Duration.ofSeconds(30)).until(commit::isDone);
        commit.get().then().statusCode(200).body("committed", equalTo(true));
    }

    private static void advisory(Connection connection, String sql, long key) throws Exception {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, key);
            statement.execute();
        }
    }
}
