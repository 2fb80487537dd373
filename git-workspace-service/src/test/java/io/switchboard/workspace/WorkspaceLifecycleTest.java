package io.switchboard.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.switchboard.events.Envelope;
import io.switchboard.events.Topics;
import io.switchboard.events.kafka.ChatKeyGuard;
import io.switchboard.events.lifecycle.ChatArchived;
import io.switchboard.events.workspace.Committed;
import io.switchboard.events.workspace.WorkspaceFailed;
import io.switchboard.events.workspace.WorkspaceReady;
import io.switchboard.events.workspace.WorkspaceRemoved;
import io.switchboard.infra.Databases;
import io.switchboard.testing.ManagementInterface;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.workspace.WorkspaceEvents.Published;
import io.switchboard.workspace.git.RepositoryLayout;
import io.switchboard.workspace.git.TurnCommits;

/** The service as session-service and the gateway see it: lifecycle events in, workspace events out. */
@QuarkusTest
@WithTestResource(value = SwitchboardInfrastructureResource.class,
        initArgs = @ResourceArg(name = SwitchboardInfrastructureResource.DATABASE, value = Databases.WORKSPACES))
class WorkspaceLifecycleTest {

    @Inject
    RepositoryLayout layout;

    @Inject
    MeterRegistry registry;

    @Test
    void chatCreatedCutsTheChatBranchFromTheInitialCommitAndAnnouncesItKeyedByChat() {
        String chatId = UUID.randomUUID().toString();
        String tenant = tenant();
        UUID projectId = UUID.randomUUID();
        try (WorkspaceEvents events = new WorkspaceEvents()) {
            LifecycleEvents.send(LifecycleEvents.created(chatId, tenant, projectId));

            Published ready = events.awaitEvent(chatId, "WorkspaceReady");
            assertThat(ready.key()).isEqualTo(chatId);
            assertThat(ready.envelope().chatId()).isEqualTo(chatId);
            assertThat(ready.envelope().tenantId()).isEqualTo(tenant);
            assertThat(ready.envelope().seq()).isEqualTo(1);
            WorkspaceReady payload = ready.payload(WorkspaceReady.class);
            assertThat(payload.projectId()).isEqualTo(projectId);
            assertThat(payload.branch()).isEqualTo(LifecycleEvents.createdBranch(chatId));

            Path repository = layout.projectRepository(projectId);
            assertThat(GitRepositories.branchHead(repository, payload.branch())).contains(payload.headCommit());
            assertThat(GitRepositories.headTarget(repository)).isEqualTo("refs/heads/main");
            assertThat(GitRepositories.branchHead(repository, "main")).contains(payload.headCommit());
            RevCommit initial = GitRepositories.commit(repository, payload.headCommit());
            assertThat(initial.getParentCount()).isZero();
            assertThat(initial.getFullMessage()).isEqualTo("Initial commit\n");
            // A bare repository: creating a chat writes a ref, never a working tree.
            assertThat(repository.resolve("HEAD")).isRegularFile();
            assertThat(repository.resolve("index")).doesNotExist();
        }
    }

    @Test
    void chatsOfOneProjectShareItsRepositoryAndStartFromTheSameCommit() {
        String tenant = tenant();
        UUID projectId = UUID.randomUUID();
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        try (WorkspaceEvents events = new WorkspaceEvents()) {
            LifecycleEvents.send(LifecycleEvents.created(first, tenant, projectId));
            LifecycleEvents.send(LifecycleEvents.created(second, tenant, projectId));

            WorkspaceReady one = events.awaitEvent(first, "WorkspaceReady").payload(WorkspaceReady.class);
            WorkspaceReady two = events.awaitEvent(second, "WorkspaceReady").payload(WorkspaceReady.class);
            assertThat(two.headCommit()).isEqualTo(one.headCommit());
            Path repository = layout.projectRepository(projectId);
            assertThat(GitRepositories.branchHead(repository, LifecycleEvents.createdBranch(first))).isPresent();
            assertThat(GitRepositories.branchHead(repository, LifecycleEvents.createdBranch(second))).isPresent();
        }
    }

    @Test
    void aRedeliveredChatCreatedMakesNoSecondBranchAndNoSecondEvent() {
        String chatId = UUID.randomUUID().toString();
        String tenant = tenant();
        UUID projectId = UUID.randomUUID();
        Envelope created = LifecycleEvents.created(chatId, tenant, projectId);
        try (WorkspaceEvents events = new WorkspaceEvents()) {
            LifecycleEvents.send(created);
            String head = events.awaitEvent(chatId, "WorkspaceReady").payload(WorkspaceReady.class).headCommit();

            // The same record again, as after a consumer crash before its offset was committed.
            LifecycleEvents.send(created);
            // One partition per chat, handled in order: once this is answered, the redelivery was handled too.
            LifecycleEvents.send(LifecycleEvents.deleted(chatId, tenant, projectId, 2));
            events.awaitEvent(chatId, "WorkspaceRemoved");

            assertThat(events.of(chatId))
                    .extracting(published -> published.envelope().type(), published -> published.envelope().seq())
                    .containsExactly(tuple("WorkspaceReady", 1L), tuple("WorkspaceRemoved", 2L));
            assertThat(events.of(chatId)).allSatisfy(published -> assertThat(published.key()).isEqualTo(chatId));
            assertThat(GitRepositories.branchHead(layout.projectRepository(projectId), "main")).contains(head);
        }
    }

    @Test
    void aRecordWhoseKeyIsNotItsChatIdIsRejectedAndCounted() {
        String chatId = UUID.randomUUID().toString();
        String tenant = tenant();
        UUID projectId = UUID.randomUUID();
        double rejectedBefore = rejected("key_mismatch");
        try (WorkspaceEvents events = new WorkspaceEvents()) {
            String otherChat = UUID.randomUUID().toString();
            LifecycleEvents.sendWithKey(otherChat, LifecycleEvents.created(chatId, tenant, projectId));

            await().atMost(WorkspaceEvents.TIMEOUT).until(() -> rejected("key_mismatch") > rejectedBefore);
            assertThat(rejected("key_mismatch")).isEqualTo(rejectedBefore + 1);
            assertThat(events.of(chatId)).isEmpty();
        }
        assertThat(Files.exists(layout.projectRepository(projectId))).isFalse();
        RestAssured.given().auth().oauth2(TestTokens.bearer(tenant, "user-1"))
                .get("/workspaces/{chatId}", chatId)
                .then().statusCode(404);
        String metrics = RestAssured.given().baseUri(ManagementInterface.baseUri()).get("/q/metrics").then()
                .statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("switchboard_events_rejected_total\\{"
                + "[^}]*reason=\"key_mismatch\"[^}]*topic=\"session.lifecycle\"[^}]*} [1-9]");
    }

    @Test
    void anArchivedChatGivesItsDirectoryBackKeepingEveryChangeOnItsBranch() {
        ChatWorkspace chat = ChatWorkspace.create();
        chat.write("kept.txt", "written, never committed\n");
        assertThat(layout.chatWorkingDirectory(chat.id())).exists();

        try (WorkspaceEvents events = new WorkspaceEvents()) {
            LifecycleEvents.send(Envelope.of(chat.chatId(), chat.tenant(), 2, null,
                    new ChatArchived(chat.projectId())));
            Published committed = events.awaitEvent(chat.chatId(), "Committed");
            assertThat(committed.payload(Committed.class).message())
                    .isEqualTo("Changes left uncommitted when the chat was archived");
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(layout.chatWorkingDirectory(chat.id())).doesNotExist());
        }
        Path repository = layout.projectRepository(chat.projectId());
        assertThat(GitCli.lines(repository, "show", chat.branch() + ":kept.txt"))
                .containsExactly("written, never committed");
        // Restored and used again: the directory comes back from the branch.
        assertThat(chat.read("kept.txt")).isEqualTo("written, never committed\n");
        assertThat(layout.chatWorkingDirectory(chat.id())).exists();
    }

    @Test
    void chatDeletedDeletesTheBranchAndAnnouncesTheRemovalWithTheNextSeq() {
        String chatId = UUID.randomUUID().toString();
        String tenant = tenant();
        UUID projectId = UUID.randomUUID();
        try (WorkspaceEvents events = new WorkspaceEvents()) {
            LifecycleEvents.send(LifecycleEvents.created(chatId, tenant, projectId));
            String branch = events.awaitEvent(chatId, "WorkspaceReady").payload(WorkspaceReady.class).branch();
            Path repository = layout.projectRepository(projectId);
            assertThat(GitRepositories.branchHead(repository, branch)).isPresent();

            LifecycleEvents.send(LifecycleEvents.deleted(chatId, tenant, projectId, 2));

            Published removed = events.awaitEvent(chatId, "WorkspaceRemoved");
            assertThat(removed.key()).isEqualTo(chatId);
            assertThat(removed.envelope().seq()).isEqualTo(2);
            assertThat(removed.payload(WorkspaceRemoved.class).branch()).isEqualTo(branch);
            assertThat(removed.payload(WorkspaceRemoved.class).branchKept()).isFalse();
            assertThat(GitRepositories.branchHead(repository, branch)).isEmpty();
            assertThat(GitRepositories.branchHead(repository, "main")).isPresent();
        }
        RestAssured.given().auth().oauth2(TestTokens.bearer(tenant, "user-1"))
                .get("/workspaces/{chatId}", chatId)
                .then().statusCode(200)
                .body("status", equalTo("REMOVED"));
    }

    @Test
    void aChatNamingABranchStartsFromItAndOneNamingNoneOfTheProjectsFailsVisibly() {
        ChatWorkspace source = ChatWorkspace.create();
        source.write("feature.txt", "from the source branch\n");
        String head = source.asOwner().contentType("application/json").body(Map.of("message", "Feature"))
                .post("/workspaces/{chatId}/commits").then().statusCode(200).extract().path("commit");
        String chatId = UUID.randomUUID().toString();
        String missing = UUID.randomUUID().toString();
        String malformed = UUID.randomUUID().toString();
        try (WorkspaceEvents events = new WorkspaceEvents()) {
            LifecycleEvents.send(LifecycleEvents.createdFromBranch(chatId, source.tenant(), source.projectId(),
                    source.branch()));
            LifecycleEvents.send(LifecycleEvents.createdFromBranch(missing, source.tenant(), source.projectId(),
                    "nope"));
            LifecycleEvents.send(LifecycleEvents.createdFromBranch(malformed, source.tenant(), source.projectId(),
                    "a..b"));

            WorkspaceReady ready = events.awaitEvent(chatId, "WorkspaceReady").payload(WorkspaceReady.class);
            assertThat(ready.headCommit()).isEqualTo(head);
            assertThat(ready.branch()).isEqualTo(LifecycleEvents.createdBranch(chatId));
            assertThat(events.awaitEvent(missing, "WorkspaceFailed").payload(WorkspaceFailed.class).reason())
                    .contains("no branch 'nope'");
            assertThat(events.awaitEvent(malformed, "WorkspaceFailed").payload(WorkspaceFailed.class).reason())
                    .contains("not a branch name");
        }
        Path repository = layout.projectRepository(source.projectId());
        assertThat(GitCli.lines(repository, "rev-parse", LifecycleEvents.createdBranch(chatId))).containsExactly(head);
    }

    @Test
    void aForkStartsAtTheSourceChatsCurrentHead() {
        String tenant = tenant();
        UUID projectId = UUID.randomUUID();
        String source = UUID.randomUUID().toString();
        String fork = UUID.randomUUID().toString();
        try (WorkspaceEvents events = new WorkspaceEvents()) {
            LifecycleEvents.send(LifecycleEvents.created(source, tenant, projectId));
            String sourceBranch = events.awaitEvent(source, "WorkspaceReady").payload(WorkspaceReady.class).branch();
            Path repository = layout.projectRepository(projectId);
            String edit = GitRepositories.commitFile(repository, sourceBranch, "notes.md", "an agent's edit\n");

            LifecycleEvents.send(LifecycleEvents.forked(fork, tenant, projectId, source, null));

            Published ready = events.awaitEvent(fork, "WorkspaceReady");
            assertThat(ready.key()).isEqualTo(fork);
            assertThat(ready.envelope().seq()).isEqualTo(1);
            assertThat(ready.payload(WorkspaceReady.class).headCommit()).isEqualTo(edit);
            assertThat(GitRepositories.branchHead(repository, LifecycleEvents.forkBranch(fork))).contains(edit);
        }
    }

    @Test
    void aForkAtATurnStartsAtTheCommitThatTurnMadeAndAtTheHeadWhenItMadeNone() {
        String tenant = tenant();
        UUID projectId = UUID.randomUUID();
        String source = UUID.randomUUID().toString();
        UUID firstTurn = UUID.randomUUID();
        try (WorkspaceEvents events = new WorkspaceEvents()) {
            LifecycleEvents.send(LifecycleEvents.created(source, tenant, projectId));
            String sourceBranch = events.awaitEvent(source, "WorkspaceReady").payload(WorkspaceReady.class).branch();
            Path repository = layout.projectRepository(projectId);
            String first = GitRepositories.commitFile(repository, sourceBranch, "a.md", "first turn\n",
                    "First turn\n\n" + TurnCommits.TURN_TRAILER + firstTurn + "\n");
            String later = GitRepositories.commitFile(repository, sourceBranch, "b.md", "a later turn\n",
                    "Later turn\n\n" + TurnCommits.TURN_TRAILER + UUID.randomUUID() + "\n");

            String atFirst = UUID.randomUUID().toString();
            LifecycleEvents.send(LifecycleEvents.forkedAtTurn(atFirst, tenant, projectId, source, firstTurn));
            WorkspaceReady ready = events.awaitEvent(atFirst, "WorkspaceReady").payload(WorkspaceReady.class);
            assertThat(ready.headCommit()).isEqualTo(first);
            assertThat(GitRepositories.branchHead(repository, ready.branch())).contains(first);

            String atQuietTurn = UUID.randomUUID().toString();
            LifecycleEvents.send(LifecycleEvents.forkedAtTurn(atQuietTurn, tenant, projectId, source,
                    UUID.randomUUID()));
            assertThat(events.awaitEvent(atQuietTurn, "WorkspaceReady").payload(WorkspaceReady.class).headCommit())
                    .isEqualTo(later);
        }
    }

    @Test
    void aForkFromAGivenCommitStartsThere() {
        String tenant = tenant();
        UUID projectId = UUID.randomUUID();
        String source = UUID.randomUUID().toString();
        String fork = UUID.randomUUID().toString();
        try (WorkspaceEvents events = new WorkspaceEvents()) {
            LifecycleEvents.send(LifecycleEvents.created(source, tenant, projectId));
            WorkspaceReady sourceReady = events.awaitEvent(source, "WorkspaceReady").payload(WorkspaceReady.class);
            Path repository = layout.projectRepository(projectId);
            GitRepositories.commitFile(repository, sourceReady.branch(), "notes.md", "later work\n");

            LifecycleEvents.send(LifecycleEvents.forked(fork, tenant, projectId, source, sourceReady.headCommit()));

            WorkspaceReady ready = events.awaitEvent(fork, "WorkspaceReady").payload(WorkspaceReady.class);
            assertThat(ready.headCommit()).isEqualTo(sourceReady.headCommit());
            assertThat(GitRepositories.branchHead(repository, ready.branch())).contains(sourceReady.headCommit());
        }
    }

    @Test
    void aForkFromACommitTheProjectDoesNotHaveFailsWithAReason() {
        String tenant = tenant();
        UUID projectId = UUID.randomUUID();
        String source = UUID.randomUUID().toString();
        String fork = UUID.randomUUID().toString();
        String unknown = "0123456789abcdef0123456789abcdef01234567";
        try (WorkspaceEvents events = new WorkspaceEvents()) {
            LifecycleEvents.send(LifecycleEvents.created(source, tenant, projectId));
            events.awaitEvent(source, "WorkspaceReady");

            LifecycleEvents.send(LifecycleEvents.forked(fork, tenant, projectId, source, unknown));

            Published failed = events.awaitEvent(fork, "WorkspaceFailed");
            assertThat(failed.key()).isEqualTo(fork);
            assertThat(failed.envelope().seq()).isEqualTo(1);
            assertThat(failed.payload(WorkspaceFailed.class).projectId()).isEqualTo(projectId);
            assertThat(failed.payload(WorkspaceFailed.class).reason()).contains(unknown).contains("does not exist");
            Path repository = layout.projectRepository(projectId);
            assertThat(GitRepositories.branchHead(repository, LifecycleEvents.forkBranch(fork))).isEmpty();
        }
        RestAssured.given().auth().oauth2(TestTokens.bearer(tenant, "user-1"))
                .get("/workspaces/{chatId}", fork)
                .then().statusCode(200)
                .body("status", equalTo("FAILED"))
                .body("failureReason", containsString(unknown));
    }

    @Test
    void aChatCannotGetABranchInAnotherTenantsProject() {
        UUID projectId = UUID.randomUUID();
        String owners = UUID.randomUUID().toString();
        String intruders = UUID.randomUUID().toString();
        try (WorkspaceEvents events = new WorkspaceEvents()) {
            LifecycleEvents.send(LifecycleEvents.created(owners, tenant(), projectId));
            events.awaitEvent(owners, "WorkspaceReady");

            LifecycleEvents.send(LifecycleEvents.created(intruders, tenant(), projectId));

            Published failed = events.awaitEvent(intruders, "WorkspaceFailed");
            assertThat(failed.key()).isEqualTo(intruders);
            assertThat(failed.payload(WorkspaceFailed.class).reason()).contains("not available");
            assertThat(events.of(intruders)).hasSize(1);
            assertThat(GitRepositories.branchHead(layout.projectRepository(projectId),
                    LifecycleEvents.createdBranch(intruders))).isEmpty();
        }
    }

    private double rejected(String reason) {
        Counter counter = registry.find(ChatKeyGuard.REJECTED_METRIC)
                .tags("topic", Topics.SESSION_LIFECYCLE, "reason", reason)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static String tenant() {
        return "tenant-" + UUID.randomUUID();
    }
}
