package io.switchboard.workspace;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.infra.Databases;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.workspace.git.RepositoryLayout;

/**
 * A tenant's disk quota: the test configuration gives tenant-small-quota 150 KiB. Writes and imports that would pass
 * it are refused with 507, and nothing of them stays on disk.
 */
@QuarkusTest
@WithTestResource(value = SwitchboardInfrastructureResource.class,
        initArgs = @ResourceArg(name = SwitchboardInfrastructureResource.DATABASE, value = Databases.WORKSPACES))
class TenantQuotaTest {

    private static final String TENANT = "tenant-small-quota";

    @Inject
    RepositoryLayout layout;

    @Test
    void writesAndImportsThatWouldPassTheQuotaAreRefusedAndLeaveNothing() throws Exception {
        ChatWorkspace chat = ChatWorkspace.create(TENANT, UUID.randomUUID());
        chat.write("fits.txt", "x".repeat(64_000));
        chat.write("fits-too.txt", "y".repeat(64_000));

        chat.asOwner().contentType("application/json")
                .body(new ChatWorkspace.FileBody("over.txt", "z".repeat(64_000)))
                .put("/workspaces/{chatId}/file")
                .then().statusCode(507).contentType("application/problem+json")
                .body("type", equalTo("urn:switchboard:problem:disk-quota-exceeded"))
                .body("detail", containsString("of its 0.2 MB"));
        chat.asOwner().queryParam("path", "over.txt").get("/workspaces/{chatId}/file").then().statusCode(404);
        // Another tenant is not held back by this one's quota.
        ChatWorkspace.create().write("elsewhere.txt", "z".repeat(64_000));

        // A repository that does not fit is fetched, found too big, and dropped with everything it brought.
        ChatWorkspace fresh = ChatWorkspace.create(TENANT, UUID.randomUUID());
        Path source = bigSourceRepository();
        String blob = SourceRepositories.git(source, "rev-parse", "trunk:random.bin").trim();
        given().auth().oauth2(TestTokens.bearer(TENANT, "user-1")).contentType("application/json")
                .body(Map.of("path", source.toString())).post("/projects/{projectId}/import", fresh.projectId())
                .then().statusCode(202);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given()
                .auth().oauth2(TestTokens.bearer(TENANT, "user-1"))
                .get("/projects/{projectId}/import", fresh.projectId())
                .then().statusCode(200).body("state", equalTo("failed"))
                .body("reason", containsString("does not fit the tenant's disk quota")));
        Path repository = layout.projectRepository(fresh.projectId());
        assertThat(GitCli.succeeds(repository, "cat-file", "-e", blob)).isFalse();
        assertThat(GitCli.lines(repository, "for-each-ref", "--format=%(refname)"))
                .containsExactly("refs/heads/main", "refs/heads/" + fresh.branch());
        assertThat(GitCli.lines(repository, "fsck", "--no-progress", "--no-dangling")).isEmpty();
    }

    /** A source with 150 KB that git cannot compress. */
    private static Path bigSourceRepository() throws Exception {
        Path bare = SourceRepositories.create();
        Path work = bare.resolveSibling("work");
        byte[] random = new byte[75_000];
        new SecureRandom().nextBytes(random);
        Files.writeString(work.resolve("random.bin"), HexFormat.of().formatHex(random));
        SourceRepositories.git(work, "add", "random.bin");
        SourceRepositories.git(work, "commit", "-q", "-m", "Random");
        SourceRepositories.git(work, "push", "-q", bare.toString(), "trunk");
        return bare;
    }
}
