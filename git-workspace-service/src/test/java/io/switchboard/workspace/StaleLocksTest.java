package io.switchboard.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.infra.Databases;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.workspace.git.RepositoryLayout;
import io.switchboard.workspace.git.StaleLocks;

/** Lock files a crash left behind stop a chat's git work until they go; the service removes them at start. */
@QuarkusTest
@WithTestResource(value = SwitchboardInfrastructureResource.class,
        initArgs = @ResourceArg(name = SwitchboardInfrastructureResource.DATABASE, value = Databases.WORKSPACES))
class StaleLocksTest {

    @Inject
    RepositoryLayout layout;

    @Inject
    StaleLocks staleLocks;

    @Test
    void locksOlderThanTheProcessAreRemovedAndTheChatCanCommitAgain() throws IOException {
        ChatWorkspace chat = ChatWorkspace.create();
        chat.write("work.txt", "before the crash\n");
        Path repository = layout.projectRepository(chat.projectId());
        Path index = layout.chatWorktreeGitDir(chat.projectId(), chat.id()).resolve("index.lock");
        Path ref = repository.resolve("refs/heads/" + chat.branch() + ".lock");
        Path packedRefs = repository.resolve("packed-refs.lock");
        Instant processStart = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        for (Path lock : List.of(index, ref, packedRefs)) {
            crashLeftBehind(lock, processStart.minus(Duration.ofMinutes(5)));
        }
        // The agent's own files named *.lock are content, never git's locks.
        Path agentsLock = layout.chatWorkingDirectory(chat.id()).resolve("yarn.lock");
        crashLeftBehind(agentsLock, processStart.minus(Duration.ofMinutes(5)));

        // A lock left by a crash stops the chat: git cannot take the index, and says so as a conflict.
        chat.asOwner().contentType("application/json").body(Map.of("message", "Blocked"))
                .post("/workspaces/{chatId}/commits")
                .then().statusCode(409);

        List<Path> removed = staleLocks.removeOlderThan(processStart);

        assertThat(removed).containsExactlyInAnyOrder(index, ref, packedRefs);
        assertThat(index).doesNotExist();
        assertThat(ref).doesNotExist();
        assertThat(packedRefs).doesNotExist();
        assertThat(agentsLock).exists();
        String commit = chat.asOwner().contentType("application/json").body(Map.of("message", "After the cleanup"))
                .post("/workspaces/{chatId}/commits")
                .then().statusCode(200)
                .body("committed", equalTo(true))
                .body("files", equalTo(2))
                .extract().path("commit");
        assertThat(GitRepositories.branchHead(repository, chat.branch())).contains(commit);
    }

    @Test
    void aLockTakenSinceTheProcessStartedIsLeftAlone() throws IOException {
        ChatWorkspace chat = ChatWorkspace.create();
        Path repository = layout.projectRepository(chat.projectId());
        Path fresh = repository.resolve("refs/heads/" + chat.branch() + ".lock");
        Instant processStart = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        crashLeftBehind(fresh, Instant.now());
        try {
            assertThat(staleLocks.removeOlderThan(processStart)).doesNotContain(fresh);
            assertThat(fresh).exists();
        } finally {
            Files.deleteIfExists(fresh);
        }
    }

    private static void crashLeftBehind(Path lock, Instant modified) throws IOException {
        Files.createDirectories(lock.getParent());
        Files.writeString(lock, "half-written\n");
        Files.setLastModifiedTime(lock, FileTime.from(modified));
    }
}
