package io.switchboard.workspace;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.switchboard.events.workspace.Committed;
import io.switchboard.events.workspace.WorkspaceRemoved;
import io.switchboard.infra.Databases;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.workspace.WorkspaceEvents.Published;
import io.switchboard.workspace.git.RepositoryLayout;

/** A project's workspace settings, and what keeping deleted chats' branches does. */
@QuarkusTest
@WithTestResource(value = SwitchboardInfrastructureResource.class,
        initArgs = @ResourceArg(name = SwitchboardInfrastructureResource.DATABASE, value = Databases.WORKSPACES))
class ProjectSettingsTest {

    @Inject
    RepositoryLayout layout;

    @Test
    void aProjectDeletesBranchesByDefaultAndTheOwnerCanChangeIt() {
        ChatWorkspace chat = ChatWorkspace.create();

        owner(chat).get("/projects/{projectId}/settings", chat.projectId())
                .then().statusCode(200).body("keepBranchesOnDelete", equalTo(false));
        owner(chat).contentType("application/json").body(Map.of("keepBranchesOnDelete", true))
                .put("/projects/{projectId}/settings", chat.projectId())
                .then().statusCode(200).body("keepBranchesOnDelete", equalTo(true));
        owner(chat).get("/projects/{projectId}/settings", chat.projectId())
                .then().statusCode(200).body("keepBranchesOnDelete", equalTo(true));
    }

    @Test
    void badBodiesAndOtherTenantsAreRefusedWithProblems() {
        ChatWorkspace chat = ChatWorkspace.create();
        for (String body : new String[] {"{}", "{\"keepBranchesOnDelete\":null}", "{\"keepBranchesOnDelete\":\"yes\"}",
                "[true]", "{\"keepBranchesOnDelete\":tru"}) {
            owner(chat).contentType("application/json").body(body)
                    .put("/projects/{projectId}/settings", chat.projectId())
                    .then().statusCode(400).contentType("application/problem+json");
        }
        owner(chat).contentType("application/json").put("/projects/{projectId}/settings", chat.projectId())
                .then().statusCode(400).contentType("application/problem+json");
        owner(chat).get("/projects/{projectId}/settings", "not-a-project")
                .then().statusCode(400).contentType("application/problem+json");

        RequestSpecification stranger = given().auth().oauth2(TestTokens.bearer("tenant-" + UUID.randomUUID(), "eve"));
        stranger.get("/projects/{projectId}/settings", chat.projectId())
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.bearer("tenant-" + UUID.randomUUID(), "eve")).contentType("application/json")
                .body(Map.of("keepBranchesOnDelete", true)).put("/projects/{projectId}/settings", chat.projectId())
                .then().statusCode(404).contentType("application/problem+json");
        owner(chat).get("/projects/{projectId}/settings", chat.projectId())
                .then().statusCode(200).body("keepBranchesOnDelete", equalTo(false));
    }

    @Test
    void aDeletedChatOfAProjectThatKeepsBranchesLeavesItsBranchWithItsUncommittedWorkCommitted() {
        ChatWorkspace chat = ChatWorkspace.create();
        owner(chat).contentType("application/json").body(Map.of("keepBranchesOnDelete", true))
                .put("/projects/{projectId}/settings", chat.projectId()).then().statusCode(200);
        chat.write("draft.txt", "never committed by the agent\n");

        try (WorkspaceEvents events = new WorkspaceEvents()) {
            LifecycleEvents.send(LifecycleEvents.deleted(chat.chatId(), chat.tenant(), chat.projectId(), 2));

            Published committed = events.awaitEvent(chat.chatId(), "Committed");
            assertThat(committed.payload(Committed.class).message())
                    .isEqualTo("Changes left uncommitted when the chat was deleted");
            Published removed = events.awaitEvent(chat.chatId(), "WorkspaceRemoved");
            assertThat(removed.key()).isEqualTo(chat.chatId());
            assertThat(removed.payload(WorkspaceRemoved.class).branchKept()).isTrue();
            assertThat(removed.payload(WorkspaceRemoved.class).branch()).isEqualTo(chat.branch());
        }
        Path repository = layout.projectRepository(chat.projectId());
        assertThat(GitCli.lines(repository, "show", chat.branch() + ":draft.txt"))
                .containsExactly("never committed by the agent");
        assertThat(GitCli.lines(repository, "fsck", "--no-progress", "--no-dangling")).isEmpty();
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(layout.chatWorkingDirectory(chat.id())).doesNotExist());
        chat.asOwner().get("/workspaces/{chatId}").then().statusCode(200).body("status", equalTo("REMOVED"));
    }

    private static RequestSpecification owner(ChatWorkspace chat) {
        return given().auth().oauth2(TestTokens.bearer(chat.tenant(), "user-1"));
    }
}
