package io.switchboard.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.workspace.Committed;
import io.switchboard.events.workspace.WorkspaceRemoved;
import io.switchboard.infra.Databases;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.workspace.WorkspaceEvents.Published;
import io.switchboard.workspace.git.RepositoryLayout;

/** Diffs and commits of a chat's working directory, the Committed event, and chats that never see each other. */
@QuarkusTest
@WithTestResource(value = SwitchboardInfrastructureResource.class,
        initArgs = @ResourceArg(name = SwitchboardInfrastructureResource.DATABASE, value = Databases.WORKSPACES))
class WorkspaceCommitTest {

    @Inject
    RepositoryLayout layout;

    @Test
    void aCommitLandsOnTheChatsBranchAndIsAnnouncedKeyedByTheChatWithItsTurn() {
        ChatWorkspace chat = ChatWorkspace.create();
        UUID turnId = UUID.randomUUID();
        chat.write("src/hello.txt", "hello\n");

        try (WorkspaceEvents events = new WorkspaceEvents()) {
            String commit = chat.asOwner().contentType("application/json")
                    .body(Map.of("message", "Add a greeting", "turnId", turnId.toString()))
                    .post("/workspaces/{chatId}/commits")
                    .then().statusCode(200)
                    .body("committed", equalTo(true))
                    .body("branch", equalTo(chat.branch()))
                    .body("files", equalTo(1))
                    .body("replayed", equalTo(false))
                    .extract().path("commit");

            Published published = events.awaitEvent(chat.chatId(), "Committed");
            assertThat(published.key()).isEqualTo(chat.chatId());
            assertThat(published.envelope().tenantId()).isEqualTo(chat.tenant());
            assertThat(published.envelope().turnId()).isEqualTo(turnId);
            assertThat(published.envelope().seq()).isEqualTo(2);
            assertThat(published.payload(Committed.class))
                    .isEqualTo(new Committed(chat.branch(), commit, "Add a greeting"));

            assertThat(GitRepositories.branchHead(layout.projectRepository(chat.projectId()), chat.branch()))
                    .contains(commit);
            RevCommit stored = GitRepositories.commit(layout.projectRepository(chat.projectId()), commit);
            assertThat(stored.getParent(0).name()).isEqualTo(chat.ready().headCommit());
            assertThat(stored.getFullMessage()).isEqualTo("Add a greeting\n\nSwitchboard-Turn: " + turnId + "\n");
            assertThat(stored.getAuthorIdent().getName()).isEqualTo("Switchboard");
            // The default branch is untouched: the commit is the chat's alone.
            assertThat(GitRepositories.branchHead(layout.projectRepository(chat.projectId()), "main"))
                    .contains(chat.ready().headCommit());

            chat.asOwner().get("/workspaces/{chatId}").then().statusCode(200).body("headCommit", equalTo(commit));
            chat.asOwner().get("/workspaces/{chatId}/diff").then().statusCode(200)
                    .body("head", equalTo(commit))
                    .body("uncommitted.files", empty())
                    .body("uncommitted.patch", equalTo(""));

            // The same turn asked again: the same commit, and no second event.
            chat.asOwner().contentType("application/json")
                    .body(Map.of("message", "Add a greeting", "turnId", turnId.toString()))
                    .post("/workspaces/{chatId}/commits")
                    .then().statusCode(200)
                    .body("committed", equalTo(true))
                    .body("replayed", equalTo(true))
                    .body("commit", equalTo(commit));
            chat.write("src/second.txt", "two\n");
            chat.asOwner().contentType("application/json").body(Map.of("message", "Second turn"))
                    .post("/workspaces/{chatId}/commits")
                    .then().statusCode(200).body("committed", equalTo(true));
            Published second = events.awaitEvent(chat.chatId(), "Committed", 2);
            assertThat(second.envelope().seq()).isEqualTo(3);
            assertThat(second.envelope().turnId()).isNull();
            assertThat(events.of(chat.chatId())).hasSize(2);
        }
    }

    @Test
    void nothingToCommitIsANormalAnswerAndPublishesNothing() {
        ChatWorkspace chat = ChatWorkspace.create();
        try (WorkspaceEvents events = new WorkspaceEvents()) {
            chat.asOwner().contentType("application/json")
                    .body(Map.of("message", "Nothing happened", "turnId", UUID.randomUUID().toString()))
                    .post("/workspaces/{chatId}/commits")
                    .then().statusCode(200)
                    .body("committed", equalTo(false))
                    .body("commit", equalTo(chat.ready().headCommit()))
                    .body("files", equalTo(0));

            // A marker event on the same partition: once it is in, an earlier Committed would be too.
            chat.write("marker.txt", "m\n");
            chat.asOwner().contentType("application/json").body(Map.of("message", "Marker"))
                    .post("/workspaces/{chatId}/commits")
                    .then().statusCode(200).body("committed", equalTo(true));
            events.awaitEvent(chat.chatId(), "Committed");
            assertThat(events.of(chat.chatId())).extracting(p -> p.payload(Committed.class).message())
                    .containsExactly("Marker");
        }
        chat.asOwner().contentType("application/json").body(Map.of("message", "  "))
                .post("/workspaces/{chatId}/commits")
                .then().statusCode(400).contentType(containsString("application/problem+json"))
                .body("detail", containsString("message"));
    }

    @Test
    void theDiffShowsUncommittedChangesAndTheBranchAgainstTheDefaultBranch() {
        ChatWorkspace chat = ChatWorkspace.create();
        chat.write("keep.txt", "one\ntwo\n");
        chat.write("gone.txt", "bye\n");
        chat.write(".gitignore", "build/\n");
        chat.asOwner().contentType("application/json").body(Map.of("message", "Base files"))
                .post("/workspaces/{chatId}/commits").then().statusCode(200);

        chat.write("keep.txt", "one\nTWO\n");
        chat.write("new.txt", "fresh\n");
        chat.write("build/output.txt", "generated\n");
        deleteInWorkingDirectory(chat, "gone.txt");

        chat.asOwner().get("/workspaces/{chatId}/diff")
                .then().statusCode(200)
                .body("branch", equalTo(chat.branch()))
                .body("uncommitted.files.path", containsInAnyOrder("keep.txt", "new.txt", "gone.txt"))
                .body("uncommitted.files.find { it.path == 'keep.txt' }.change", equalTo("MODIFY"))
                .body("uncommitted.files.find { it.path == 'new.txt' }.change", equalTo("ADD"))
                .body("uncommitted.files.find { it.path == 'gone.txt' }.change", equalTo("DELETE"))
                .body("uncommitted.patch", containsString("-two\n+TWO\n"))
                .body("uncommitted.patch", containsString("+fresh\n"))
                .body("uncommitted.patch", not(containsString("generated")))
                .body("uncommitted.truncated", equalTo(false))
                .body("againstDefault", nullValue());

        chat.asOwner().queryParam("againstDefault", true).get("/workspaces/{chatId}/diff")
                .then().statusCode(200)
                .body("defaultBranch", equalTo("main"))
                .body("againstDefault.base", equalTo(chat.ready().headCommit()))
                .body("againstDefault.files.path", containsInAnyOrder(".gitignore", "gone.txt", "keep.txt"))
                .body("againstDefault.patch", containsString("+two\n"))
                .body("againstDefault.patch", not(containsString("TWO")));

        chat.asOwner().contentType("application/json").body(Map.of("message", "Edit"))
                .post("/workspaces/{chatId}/commits")
                .then().statusCode(200).body("files", equalTo(3));
        chat.asOwner().queryParam("recursive", true).get("/workspaces/{chatId}/files").then().statusCode(200)
                .body("entries.path", contains(".gitignore", "build/output.txt", "keep.txt", "new.txt"));
        chat.asOwner().queryParam("againstDefault", true).get("/workspaces/{chatId}/diff")
                .then().statusCode(200)
                .body("uncommitted.files", empty())
                .body("againstDefault.files.path", containsInAnyOrder(".gitignore", "keep.txt", "new.txt"));
    }

    @Test
    void twoChatsOfOneProjectEditTheSamePathWithoutSeeingEachOther() {
        ChatWorkspace left = ChatWorkspace.create();
        ChatWorkspace right = ChatWorkspace.create(left.tenant(), left.projectId());
        assertThat(right.ready().headCommit()).isEqualTo(left.ready().headCommit());

        left.write("shared/config.yml", "owner: left\n");
        right.write("shared/config.yml", "owner: right\n");
        assertThat(left.read("shared/config.yml")).isEqualTo("owner: left\n");
        assertThat(right.read("shared/config.yml")).isEqualTo("owner: right\n");

        String leftCommit = left.asOwner().contentType("application/json").body(Map.of("message", "Left edit"))
                .post("/workspaces/{chatId}/commits")
                .then().statusCode(200).body("committed", equalTo(true)).extract().path("commit");

        assertThat(right.read("shared/config.yml")).isEqualTo("owner: right\n");
        right.asOwner().get("/workspaces/{chatId}/diff").then().statusCode(200)
                .body("head", equalTo(right.ready().headCommit()))
                .body("uncommitted.patch", containsString("+owner: right\n"))
                .body("uncommitted.patch", not(containsString("left")));
        right.asOwner().queryParam("query", "left").get("/workspaces/{chatId}/search").then().statusCode(200)
                .body("matches", empty());
        String rightCommit = right.asOwner().contentType("application/json").body(Map.of("message", "Right edit"))
                .post("/workspaces/{chatId}/commits")
                .then().statusCode(200).body("committed", equalTo(true)).extract().path("commit");

        Path repository = layout.projectRepository(left.projectId());
        assertThat(GitRepositories.branchHead(repository, left.branch())).contains(leftCommit);
        assertThat(GitRepositories.branchHead(repository, right.branch())).contains(rightCommit);
        assertThat(GitRepositories.commit(repository, rightCommit).getParent(0).name())
                .isEqualTo(right.ready().headCommit());
        assertThat(left.read("shared/config.yml")).isEqualTo("owner: left\n");
        assertThat(layout.chatWorkingDirectory(left.id())).isNotEqualTo(layout.chatWorkingDirectory(right.id()));
    }

    @Test
    void deletingTheChatRemovesItsWorkingDirectory() {
        ChatWorkspace chat = ChatWorkspace.create();
        chat.write("file.txt", "x\n");
        assertThat(layout.chatWorkingDirectory(chat.id())).isDirectory();

        try (WorkspaceEvents events = new WorkspaceEvents()) {
            LifecycleEvents.send(LifecycleEvents.deleted(chat.chatId(), chat.tenant(), chat.projectId(), 2));
            assertThat(events.awaitEvent(chat.chatId(), "WorkspaceRemoved").payload(WorkspaceRemoved.class).branch())
                    .isEqualTo(chat.branch());
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(layout.chatWorkingDirectory(chat.id())).doesNotExist();
            assertThat(layout.chatWorktreeGitDir(chat.projectId(), chat.id())).doesNotExist();
        });
        chat.asOwner().get("/workspaces/{chatId}/files").then().statusCode(404)
                .contentType(containsString("application/problem+json"));
    }

    private void deleteInWorkingDirectory(ChatWorkspace chat, String path) {
        assertThat(layout.chatWorkingDirectory(chat.id()).resolve(path).toFile().delete()).isTrue();
    }
}
