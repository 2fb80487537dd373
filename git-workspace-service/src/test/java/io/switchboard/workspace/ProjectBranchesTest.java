package io.switchboard.workspace;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Path;
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
import io.restassured.specification.RequestSpecification;
import io.switchboard.infra.Databases;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.workspace.git.RepositoryLayout;

/** A project's branches and its default branch, checked against the git command-line client. */
@QuarkusTest
@WithTestResource(value = SwitchboardInfrastructureResource.class,
        initArgs = @ResourceArg(name = SwitchboardInfrastructureResource.DATABASE, value = Databases.WORKSPACES))
class ProjectBranchesTest {

    @Inject
    RepositoryLayout layout;

    @Test
    void theBranchesComeOneAtATimeInNameOrderAsGitListsThem() {
        ChatWorkspace a = ChatWorkspace.create();
        ChatWorkspace.create(a.tenant(), a.projectId());
        Path repository = layout.projectRepository(a.projectId());

        List<String> names = new ArrayList<>();
        List<String> heads = new ArrayList<>();
        String after = null;
        do {
            RequestSpecification request = asOwner(a).queryParam("limit", 1);
            if (after != null) {
                request.queryParam("after", after);
            }
            JsonPath page = request.get("/projects/{projectId}/branches", a.projectId())
                    .then().statusCode(200).body("defaultBranch", equalTo("main")).extract().jsonPath();
            assertThat(page.getList("branches")).hasSize(1);
            names.add(page.getString("branches[0].name"));
            heads.add(page.getString("branches[0].headCommit"));
            boolean isMain = names.get(names.size() - 1).equals("main");
            assertThat(page.getBoolean("branches[0].isDefault")).isEqualTo(isMain);
            after = page.getString("next");
        } while (after != null);

        assertThat(names).isEqualTo(GitCli.lines(repository, "for-each-ref", "--format=%(refname:short)",
                "refs/heads/"));
        for (int i = 0; i < names.size(); i++) {
            assertThat(GitCli.lines(repository, "rev-parse", "refs/heads/" + names.get(i)))
                    .containsExactly(heads.get(i));
        }
        assertThat(names).hasSize(3).contains("main", a.branch());
    }

    @Test
    void anExistingBranchBecomesTheDefaultAndNewChatsStartFromIt() {
        ChatWorkspace a = ChatWorkspace.create();
        a.write("base.txt", "from chat a\n");
        String head = a.asOwner().contentType("application/json").body(Map.of("message", "Base"))
                .post("/workspaces/{chatId}/commits").then().statusCode(200).extract().path("commit");

        asOwner(a).contentType("application/json").body(Map.of("branch", a.branch()))
                .put("/projects/{projectId}/default-branch", a.projectId())
                .then().statusCode(200).body("defaultBranch", equalTo(a.branch()));
        Path repository = layout.projectRepository(a.projectId());
        assertThat(GitCli.lines(repository, "symbolic-ref", "HEAD")).containsExactly("refs/heads/" + a.branch());

        ChatWorkspace later = ChatWorkspace.create(a.tenant(), a.projectId());
        assertThat(later.ready().headCommit()).isEqualTo(head);
        assertThat(later.read("base.txt")).isEqualTo("from chat a\n");
        a.asOwner().get("/workspaces/{chatId}/commits").then().statusCode(200)
                .body("defaultBranch", equalTo(a.branch())).body("ahead", equalTo(0));

        asOwner(a).contentType("application/json").body(Map.of("branch", "main"))
                .put("/projects/{projectId}/default-branch", a.projectId())
                .then().statusCode(200).body("defaultBranch", equalTo("main"));
    }

    @Test
    void unknownOrMalformedBranchesAndOtherTenantsAreRefused() {
        ChatWorkspace a = ChatWorkspace.create();
        for (String bad : List.of("no-such-branch", "../main", "main\n", "a..b", " ", "x".repeat(300))) {
            asOwner(a).contentType("application/json").body(Map.of("branch", bad))
                    .put("/projects/{projectId}/default-branch", a.projectId())
                    .then().statusCode(400).body("detail", containsString("branch"));
        }
        asOwner(a).contentType("application/json").body("{}")
                .put("/projects/{projectId}/default-branch", a.projectId())
                .then().statusCode(400);
        asOwner(a).queryParam("limit", 0).get("/projects/{projectId}/branches", a.projectId()).then().statusCode(400);
        given().auth().oauth2(TestTokens.bearer("tenant-" + UUID.randomUUID(), "mallory"))
                .contentType("application/json").body(Map.of("branch", a.branch()))
                .put("/projects/{projectId}/default-branch", a.projectId())
                .then().statusCode(404);
        given().auth().oauth2(TestTokens.bearer("tenant-" + UUID.randomUUID(), "mallory"))
                .get("/projects/{projectId}/branches", a.projectId()).then().statusCode(404);
        assertThat(GitCli.lines(layout.projectRepository(a.projectId()), "symbolic-ref", "HEAD"))
                .containsExactly("refs/heads/main");
    }

    private static RequestSpecification asOwner(ChatWorkspace chat) {
        return given().auth().oauth2(TestTokens.bearer(chat.tenant(), "user-1"));
    }
}
