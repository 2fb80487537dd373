package io.switchboard.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.switchboard.events.workspace.Reverted;
import io.switchboard.infra.Databases;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.workspace.WorkspaceEvents.Published;
import io.switchboard.workspace.git.RepositoryLayout;

/**
 * A chat's commits since it left the default branch, and restoring one of them, checked against the git
 * command-line client as an independent reading of the same repository.
 */
@QuarkusTest
@WithTestResource(value = SwitchboardInfrastructureResource.class,
        initArgs = @ResourceArg(name = SwitchboardInfrastructureResource.DATABASE, value = Databases.WORKSPACES))
class WorkspaceHistoryTest {

    @Inject
    RepositoryLayout layout;

    @Test
    void theChatsCommitsComeNewestFirstWithTheirTurnsOnePageAtATime() {
        ChatWorkspace chat = ChatWorkspace.create();
        List<UUID> turns = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        for (int i = 0; i < turns.size(); i++) {
            commit(chat, "notes/" + i + ".md", "note " + i + "\n", "Turn " + i, turns.get(i));
        }

        List<String> seen = new ArrayList<>();
        List<UUID> seenTurns = new ArrayList<>();
        String after = null;
        do {
            RequestSpecification request = chat.asOwner().queryParam("limit", 1);
            if (after != null) {
                request.queryParam("after", after);
            }
            JsonPath page = request.get("/workspaces/{chatId}/commits").then().statusCode(200)
                    .body("branch", equalTo(chat.branch()))
                    .body("defaultBranch", equalTo("main"))
                    .body("ahead", equalTo(3))
                    .body("behind", equalTo(0))
                    .extract().jsonPath();
            assertThat(page.getList("commits")).hasSize(1);
            seen.add(page.getString("commits[0].id"));
            seenTurns.add(UUID.fromString(page.getString("commits[0].turnId")));
            assertThat(page.getString("commits[0].message")).doesNotContain("Switchboard-Turn");
            after = page.getString("next");
        } while (after != null);

        assertThat(seen).isEqualTo(gitLines(chat, "log", "--format=%H", "main.." + chat.branch()));
        assertThat(seenTurns).containsExactly(turns.get(2), turns.get(1), turns.get(0));
        chat.asOwner().get("/workspaces/{chatId}/commits").then().statusCode(200)
                .body("commits.subject", equalTo(List.of("Turn 2", "Turn 1", "Turn 0")))
                .body("headCommit", equalTo(seen.get(0)))
                .body("next", nullValue());
    }

    @Test
    void readingAChatsHistoryOrComparingItMakesNoWorkingDirectory() {
        ChatWorkspace chat = ChatWorkspace.create();
        ChatWorkspace other = ChatWorkspace.create(chat.tenant(), chat.projectId());
        chat.asOwner().get("/workspaces/{chatId}/commits").then().statusCode(200)
                .body("ahead", equalTo(0)).body("commits", equalTo(List.of()));
        chat.asOwner().get("/workspaces/{chatId}/compare/" + other.chatId()).then().statusCode(200)
                .body("diff.files", equalTo(List.of()));
        assertThat(layout.chatWorkingDirectory(chat.id())).doesNotExist();
        assertThat(layout.chatWorkingDirectory(other.id())).doesNotExist();
    }

    @Test
    void restoringAnEarlierCommitBringsItsFilesBackAsANewCommitAndIsAnnounced() {
        ChatWorkspace chat = ChatWorkspace.create();
        String first = commit(chat, "app.conf", "mode=first\n", "First", UUID.randomUUID());
        chat.write("app.conf", "mode=second\n");
        String second = commit(chat, "extra.txt", "added later\n", "Second", UUID.randomUUID());

        try (WorkspaceEvents events = new WorkspaceEvents()) {
            String restored = chat.asOwner().contentType("application/json").body(Map.of("commit", first))
                    .post("/workspaces/{chatId}/restore")
                    .then().statusCode(200)
                    .body("restored", equalTo(true))
                    .body("branch", equalTo(chat.branch()))
                    .body("restoredFrom", equalTo(first))
                    .body("files", equalTo(2))
                    .extract().path("commit");

            Published published = events.awaitEvent(chat.chatId(), "Reverted");
            assertThat(published.key()).isEqualTo(chat.chatId());
            assertThat(published.envelope().tenantId()).isEqualTo(chat.tenant());
            assertThat(published.payload(Reverted.class)).isEqualTo(new Reverted(chat.branch(), restored, first));

            // git itself: same tree as the first commit, on top of the second, nothing rewritten.
            assertThat(gitLines(chat, "rev-parse", restored + "^{tree}"))
                    .isEqualTo(gitLines(chat, "rev-parse", first + "^{tree}"));
            assertThat(gitLines(chat, "rev-parse", restored + "^")).containsExactly(second);
            assertThat(gitLines(chat, "rev-parse", chat.branch())).containsExactly(restored);
            assertThat(gitLines(chat, "fsck", "--no-progress")).isEmpty();
        }
        assertThat(chat.read("app.conf")).isEqualTo("mode=first\n");
        chat.asOwner().queryParam("path", "extra.txt").get("/workspaces/{chatId}/file").then().statusCode(404);
        chat.asOwner().get("/workspaces/{chatId}/diff").then().statusCode(200)
                .body("uncommitted.files", equalTo(List.of()));
        chat.asOwner().get("/workspaces/{chatId}/commits").then().statusCode(200)
                .body("commits[0].restoredFrom", equalTo(first))
                .body("commits[0].turnId", nullValue())
                .body("commits[0].subject", containsString("Restore " + first.substring(0, 12)))
                .body("ahead", equalTo(3));

        // Again: the branch already has those files.
        chat.asOwner().contentType("application/json").body(Map.of("commit", first))
                .post("/workspaces/{chatId}/restore")
                .then().statusCode(200).body("restored", equalTo(false)).body("files", equalTo(0));
        // And the later state can come back in turn.
        chat.asOwner().contentType("application/json").body(Map.of("commit", second))
                .post("/workspaces/{chatId}/restore")
                .then().statusCode(200).body("restored", equalTo(true));
        assertThat(chat.read("extra.txt")).isEqualTo("added later\n");
    }

    @Test
    void aRestoreIsRefusedForForeignCommitsUncommittedChangesAndBadInput() {
        ChatWorkspace chat = ChatWorkspace.create();
        String mine = commit(chat, "a.txt", "a\n", "Mine", UUID.randomUUID());
        ChatWorkspace neighbour = ChatWorkspace.create(chat.tenant(), chat.projectId());
        String theirs = commit(neighbour, "b.txt", "b\n", "Theirs", UUID.randomUUID());

        restore(chat, theirs).then().statusCode(404).contentType(containsString("application/problem+json"));
        restore(chat, "0123456789abcdef0123456789abcdef01234567").then().statusCode(404);
        for (String bad : List.of("HEAD~1", mine.substring(0, 12), "main", "../" + mine)) {
            restore(chat, bad).then().statusCode(400).body("detail", containsString("full commit id"));
        }
        chat.asOwner().contentType("application/json").body("{}").post("/workspaces/{chatId}/restore")
                .then().statusCode(400).body("detail", containsString("commit is required"));
        chat.asOwner().queryParam("after", "HEAD").get("/workspaces/{chatId}/commits").then().statusCode(400);
        chat.asOwner().queryParam("after", theirs).get("/workspaces/{chatId}/commits").then().statusCode(400);
        chat.asOwner().queryParam("limit", 0).get("/workspaces/{chatId}/commits").then().statusCode(400);
        chat.asOwner().queryParam("limit", 201).get("/workspaces/{chatId}/commits").then().statusCode(400);
        chat.asStranger().contentType("application/json").body(Map.of("commit", mine))
                .post("/workspaces/{chatId}/restore").then().statusCode(404);
        chat.asStranger().get("/workspaces/{chatId}/commits").then().statusCode(404);

        // Uncommitted work would be lost: refused, and left as it was.
        chat.write("a.txt", "edited, not committed\n");
        restore(chat, mine).then().statusCode(409).body("detail", containsString("uncommitted changes"));
        assertThat(chat.read("a.txt")).isEqualTo("edited, not committed\n");
    }

    @Test
    void twoChatsOfAProjectCompareTheirWorkAsGitDiffsTheirBranches() {
        ChatWorkspace left = ChatWorkspace.create();
        ChatWorkspace right = ChatWorkspace.create(left.tenant(), left.projectId());
        String leftHead = commit(left, "shared.txt", "left version\n", "Left", UUID.randomUUID());
        commit(left, "only-left.txt", "l\n", "Left again", UUID.randomUUID());
        String rightHead = commit(right, "shared.txt", "right version\n", "Right", UUID.randomUUID());

        JsonPath comparison = left.asOwner().get("/workspaces/{chatId}/compare/" + right.chatId())
                .then().statusCode(200)
                .body("branch", equalTo(left.branch()))
                .body("otherBranch", equalTo(right.branch()))
                .body("otherHead", equalTo(rightHead))
                .extract().jsonPath();
        List<String> changes = new ArrayList<>();
        List<Map<String, Object>> files = comparison.getList("diff.files");
        for (Map<String, Object> file : files) {
            changes.add(file.get("change").toString().charAt(0) + "\t" + file.get("path"));
        }
        assertThat(changes).containsExactlyInAnyOrderElementsOf(
                gitLines(left, "diff", "--name-status", left.branch(), right.branch()));
        assertThat(comparison.getString("diff.patch")).contains("-left version").contains("+right version");
        assertThat(comparison.getString("head")).isNotEqualTo(leftHead);

        left.asOwner().get("/workspaces/{chatId}/compare/" + left.chatId()).then().statusCode(200)
                .body("diff.files", equalTo(List.of()));
        ChatWorkspace elsewhere = ChatWorkspace.create(left.tenant(), UUID.randomUUID());
        left.asOwner().get("/workspaces/{chatId}/compare/" + elsewhere.chatId()).then().statusCode(409)
                .body("detail", containsString("one project"));
        ChatWorkspace foreign = ChatWorkspace.create();
        left.asOwner().get("/workspaces/{chatId}/compare/" + foreign.chatId()).then().statusCode(404);
        left.asOwner().get("/workspaces/{chatId}/compare/not-a-chat").then().statusCode(400);
    }

    private static Response restore(ChatWorkspace chat, String commit) {
        return chat.asOwner().contentType("application/json").body(Map.of("commit", commit))
                .post("/workspaces/{chatId}/restore");
    }

    private static String commit(ChatWorkspace chat, String path, String content, String message, UUID turnId) {
        chat.write(path, content);
        return chat.asOwner().contentType("application/json")
                .body(Map.of("message", message, "turnId", turnId.toString()))
                .post("/workspaces/{chatId}/commits")
                .then().statusCode(200).body("committed", equalTo(true)).extract().path("commit");
    }

    /** The output lines of the git command-line client run in the chat's project repository. */
    private List<String> gitLines(ChatWorkspace chat, String... arguments) {
        return GitCli.lines(layout.projectRepository(chat.projectId()), arguments);
    }
}
