package io.switchboard.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.infra.Databases;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.workspace.git.RepositoryLayout;
import io.switchboard.workspace.git.RepositoryMaintenance;
import io.switchboard.workspace.git.RepositoryMaintenance.Collected;
import io.switchboard.workspace.service.ScheduledGarbageCollection;

/** Garbage collection of a project repository, checked with the git command-line client. */
@QuarkusTest
@WithTestResource(value = SwitchboardInfrastructureResource.class,
        initArgs = @ResourceArg(name = SwitchboardInfrastructureResource.DATABASE, value = Databases.WORKSPACES))
class GarbageCollectionTest {

    @Inject
    RepositoryLayout layout;

    @Inject
    RepositoryMaintenance maintenance;

    @Inject
    ScheduledGarbageCollection scheduled;

    @Test
    void aDeletedChatsCommitsArePrunedAndEveryBranchKeepsAllItUses() {
        ChatWorkspace kept = ChatWorkspace.create();
        ChatWorkspace deleted = ChatWorkspace.create(kept.tenant(), kept.projectId());
        commit(kept, "kept.txt", "kept\n");
        commit(deleted, "gone.txt", "only the deleted chat wrote this\n");
        Path repository = layout.projectRepository(kept.projectId());
        String goneBlob = GitCli.lines(repository, "rev-parse", deleted.branch() + ":gone.txt").get(0);
        String keptHead = GitCli.lines(repository, "rev-parse", kept.branch()).get(0);
        delete(deleted);

        Optional<Collected> collected = maintenance.collect(kept.projectId(), Instant.now(),
                Instant.now().plusSeconds(1));

        assertThat(collected).isPresent();
        assertThat(GitCli.lines(repository, "fsck", "--full", "--no-progress", "--no-dangling")).isEmpty();
        assertThat(GitCli.succeeds(repository, "cat-file", "-e", goneBlob)).as("the deleted chat's blob").isFalse();
        assertThat(GitCli.lines(repository, "rev-parse", kept.branch())).containsExactly(keptHead);
        assertThat(GitCli.lines(repository, "show", kept.branch() + ":kept.txt")).containsExactly("kept");
        assertThat(GitCli.lines(repository, "count-objects", "-v")).contains("count: 0", "packs: 1");
        assertThat(collected.get().bytesAfter()).isPositive();

        // The chat goes on working in its working directory on the packed repository.
        commit(kept, "after.txt", "after the collection\n");
        assertThat(GitCli.lines(repository, "fsck", "--full", "--no-progress", "--no-dangling")).isEmpty();
        assertThat(GitCli.lines(repository, "show", kept.branch() + ":after.txt")).containsExactly(
                "after the collection");
    }

    @Test
    void unreachableObjectsYoungerThanTheGracePeriodStay() {
        ChatWorkspace kept = ChatWorkspace.create();
        ChatWorkspace deleted = ChatWorkspace.create(kept.tenant(), kept.projectId());
        commit(deleted, "recent.txt", "deleted a moment ago\n");
        Path repository = layout.projectRepository(kept.projectId());
        String blob = GitCli.lines(repository, "rev-parse", deleted.branch() + ":recent.txt").get(0);
        delete(deleted);

        assertThat(maintenance.collect(kept.projectId(), Instant.now(), Instant.now().minusSeconds(3600)))
                .isPresent();

        assertThat(GitCli.succeeds(repository, "cat-file", "-e", blob)).isTrue();
        assertThat(GitCli.lines(repository, "fsck", "--full", "--no-progress", "--no-dangling")).isEmpty();
    }

    @Test
    void theScheduleCollectsEachProjectOnceAndSkipsOneCollectedSince() throws IOException {
        ChatWorkspace chat = ChatWorkspace.create();
        commit(chat, "a.txt", "a\n");
        Path marker = layout.projectRepository(chat.projectId()).resolve("switchboard-gc");
        // Every other test's project counts as collected by another replica just now, so the run stays short.
        for (UUID other : maintenance.projects()) {
            if (!other.equals(chat.projectId())) {
                Files.writeString(layout.projectRepository(other).resolve("switchboard-gc"), "another replica");
            }
        }

        assertThat(scheduled.collectAll()).isEqualTo(1);
        assertThat(marker).isRegularFile();
        assertThat(maintenance.projects()).contains(chat.projectId());

        // Another replica, or the next run within the interval, finds it collected and leaves it alone.
        Instant collectedAt = Instant.now().minusSeconds(5);
        assertThat(maintenance.collect(chat.projectId(), collectedAt, Instant.now())).isEmpty();
        assertThat(Files.exists(marker)).isTrue();
    }

    private static void commit(ChatWorkspace chat, String path, String content) {
        chat.write(path, content);
        chat.asOwner().contentType("application/json").body(Map.of("message", "Add " + path))
                .post("/workspaces/{chatId}/commits").then().statusCode(200).body("committed", equalTo(true));
    }

    private static void delete(ChatWorkspace chat) {
        try (WorkspaceEvents events = new WorkspaceEvents()) {
            LifecycleEvents.send(LifecycleEvents.deleted(chat.chatId(), chat.tenant(), chat.projectId(), 2));
            events.awaitEvent(chat.chatId(), "WorkspaceRemoved");
        }
    }
}
