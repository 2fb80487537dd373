package io.switchboard.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.switchboard.infra.Databases;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.workspace.git.RepositoryLayout;

/**
 * Local merge requests: a chat's branch into the project's default branch, checked with the git command-line
 * client (heads, parents, file contents, {@code git fsck}).
 */
@QuarkusTest
@WithTestResource(value = SwitchboardInfrastructureResource.class,
        initArgs = @ResourceArg(name = SwitchboardInfrastructureResource.DATABASE, value = Databases.WORKSPACES))
class LocalMergeTest {

    @Inject
    RepositoryLayout layout;

    @Test
    void aChatAheadOfTheDefaultBranchIsFastForwardedOnce() {
        ChatWorkspace chat = ChatWorkspace.create();
        String head = commit(chat, "a.txt", "a\n");
        String mainBefore = git(chat, "rev-parse", "main").get(0);

        merge(chat, Map.of("dryRun", true)).statusCode(200)
                .body("outcome", equalTo("merged")).body("fastForward", equalTo(true))
                .body("dryRun", equalTo(true)).body("commit", equalTo(mainBefore));
        assertThat(git(chat, "rev-parse", "main")).containsExactly(mainBefore);

        merge(chat, Map.of()).statusCode(200)
                .body("outcome", equalTo("merged")).body("fastForward", equalTo(true)).body("commit", equalTo(head))
                .body("defaultBranch", equalTo("main")).body("conflicts", equalTo(List.of()));
        assertThat(git(chat, "rev-parse", "main")).containsExactly(head);
        merge(chat, Map.of()).statusCode(200).body("outcome", equalTo("up-to-date")).body("commit", equalTo(head));
        assertThat(git(chat, "fsck", "--no-progress")).isEmpty();
    }

    @Test
    void aDefaultBranchThatMovedOnGetsAMergeCommitWithBothChatsWork() {
        ChatWorkspace first = ChatWorkspace.create();
        ChatWorkspace second = ChatWorkspace.create(first.tenant(), first.projectId());
        String firstHead = commit(first, "first.txt", "one\n");
        String secondHead = commit(second, "second.txt", "two\n");
        merge(first, Map.of()).statusCode(200).body("fastForward", equalTo(true));

        merge(second, Map.of("strategy", "fast-forward")).statusCode(409)
                .body("detail", containsString("moved on"));
        String merged = merge(second, Map.of("strategy", "merge")).statusCode(200)
                .body("outcome", equalTo("merged")).body("fastForward", equalTo(false))
                .extract().path("commit");

        assertThat(git(first, "rev-parse", "main")).containsExactly(merged);
        assertThat(git(first, "rev-list", "--parents", "-n", "1", "main"))
                .containsExactly(merged + " " + firstHead + " " + secondHead);
        assertThat(git(first, "show", "main:first.txt")).containsExactly("one");
        assertThat(git(first, "show", "main:second.txt")).containsExactly("two");
        assertThat(git(first, "fsck", "--no-progress")).isEmpty();
    }

    @Test
    void conflictingChangesAreReportedAndNothingIsWritten() {
        ChatWorkspace first = ChatWorkspace.create();
        ChatWorkspace second = ChatWorkspace.create(first.tenant(), first.projectId());
        commit(first, "shared.txt", "first version\n");
        commit(second, "shared.txt", "second version\n");
        commit(second, "clean.txt", "no conflict here\n");
        merge(first, Map.of()).statusCode(200);
        String main = git(first, "rev-parse", "main").get(0);

        for (Map<String, Object> body : List.<Map<String, Object>>of(Map.of("dryRun", true), Map.of())) {
            merge(second, body).statusCode(200)
                    .body("outcome", equalTo("conflicts"))
                    .body("conflicts", equalTo(List.of("shared.txt")))
                    .body("commit", equalTo(main));
        }
        assertThat(git(first, "rev-parse", "main")).containsExactly(main);
        assertThat(git(first, "show", "main:shared.txt")).containsExactly("first version");
        assertThat(git(first, "fsck", "--no-progress")).isEmpty();

        merge(second, Map.of("strategy", "octopus")).statusCode(400).body("detail", containsString("strategy"));
        second.asStranger().contentType("application/json").body(Map.of())
                .post("/workspaces/{chatId}/merge").then().statusCode(404);
    }

    private static ValidatableResponse merge(ChatWorkspace chat, Map<String, Object> body) {
        return chat.asOwner().contentType("application/json").body(body).post("/workspaces/{chatId}/merge").then();
    }

    private static String commit(ChatWorkspace chat, String path, String content) {
        chat.write(path, content);
        return chat.asOwner().contentType("application/json").body(Map.of("message", "Change " + path))
                .post("/workspaces/{chatId}/commits")
                .then().statusCode(200).body("committed", equalTo(true)).extract().path("commit");
    }

    private List<String> git(ChatWorkspace chat, String... arguments) {
        Path repository = layout.projectRepository(chat.projectId());
        return GitCli.lines(repository, arguments);
    }
}
