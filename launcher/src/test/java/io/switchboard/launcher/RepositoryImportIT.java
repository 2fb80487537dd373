package io.switchboard.launcher;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.switchboard.testing.GitCommandLine;

/** A new project started from an existing repository, through the gateway, as the web client does it. */
class RepositoryImportIT {

    private static Stack stack;
    private static String token;

    @BeforeAll
    static void start() {
        stack = TestStacks.shared();
        token = stack.token("tenant-import", "ivy", Duration.ofHours(1));
    }

    @Test
    void aProjectImportedFromARepositoryHasItsBranchesAndItsChatsStartFromIt() throws IOException {
        Path source = sourceRepository();
        String trunk = git(source, "rev-parse", "trunk").trim();
        String projectId = as(token).contentType(ContentType.JSON).body(Map.of("name", "imported"))
                .post("/api/projects").then().statusCode(201).extract().path("id");
        String mainChat = as(token).get("/api/projects/{id}/chats", projectId).then().statusCode(200)
                .extract().path("find { it.isDefault }.id");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(token)
                .get("/api/chats/{id}/workspace", mainChat).then().statusCode(200).body("status", equalTo("READY")));

        as(token).contentType(ContentType.JSON).body(Map.of("url", 42)).post("/api/projects/{id}/import", projectId)
                .then().statusCode(400).contentType("application/problem+json");
        as(token).contentType(ContentType.JSON).body(Map.of("url", "https://127.0.0.1/private.git"))
                .post("/api/projects/{id}/import", projectId)
                .then().statusCode(400).contentType("application/problem+json");
        String stranger = stack.token("tenant-elsewhere", "mallory", Duration.ofHours(1));
        as(stranger).contentType(ContentType.JSON).body(Map.of("path", source.toString()))
                .post("/api/projects/{id}/import", projectId)
                .then().statusCode(404).contentType("application/problem+json");

        as(token).contentType(ContentType.JSON).body(Map.of("path", source.toString()))
                .post("/api/projects/{id}/import", projectId)
                .then().statusCode(202).body("state", equalTo("cloning"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as(token)
                .get("/api/projects/{id}/import", projectId).then().statusCode(200)
                .body("state", equalTo("imported")).body("defaultBranch", equalTo("trunk"))
                .body("headCommit", equalTo(trunk)));

        as(token).get("/api/projects/{id}/branches", projectId).then().statusCode(200)
                .body("defaultBranch", equalTo("trunk")).body("branches.name", hasItems("trunk", "feature"));
        as(token).get("/api/chats/{id}/workspace", mainChat).then().statusCode(200)
                .body("headCommit", equalTo(trunk));
        String file = as(token).queryParam("path", "README.md").get("/api/chats/{id}/workspace/file", mainChat)
                .then().statusCode(200).extract().path("content");
        assertThat(file).isEqualTo("# Imported\n");
        as(stranger).get("/api/projects/{id}/import", projectId)
                .then().statusCode(404).contentType("application/problem+json");

        // A chat can start from another branch of the imported repository.
        String feature = git(source, "rev-parse", "feature").trim();
        String onFeature = as(token).contentType(ContentType.JSON)
                .body(Map.of("title", "On feature", "fromBranch", "feature"))
                .post("/api/projects/{id}/chats", projectId).then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(token)
                .get("/api/chats/{id}/workspace", onFeature).then().statusCode(200)
                .body("status", equalTo("READY")).body("headCommit", equalTo(feature)));
        as(token).contentType(ContentType.JSON).body(Map.of("fromBranch", "../main"))
                .post("/api/projects/{id}/chats", projectId)
                .then().statusCode(400).contentType("application/problem+json");

        // Fetching again: the source's feature moved on.
        Path work = source.resolveSibling("work");
        git(work, "checkout", "-q", "feature");
        git(work, "commit", "-q", "--allow-empty", "-m", "More");
        git(work, "push", "-q", source.toString(), "feature");
        as(token).contentType(ContentType.JSON).body(Map.of()).post("/api/projects/{id}/fetch", projectId)
                .then().statusCode(200).body("updated", equalTo(List.of("feature")))
                .body("defaultBranch", equalTo("trunk")).body("headCommit", equalTo(trunk));
    }

    private static RequestSpecification as(String bearer) {
        return given().baseUri(stack.gatewayUrl()).auth().oauth2(bearer);
    }

    /** A bare repository whose HEAD names trunk, with a branch feature, in the directory imports may read. */
    private static Path sourceRepository() throws IOException {
        Path base = TestStacks.importSources(stack.infra().settings().dataDir()).resolve(UUID.randomUUID().toString());
        Path work = base.resolve("work");
        Files.createDirectories(work);
        git(work, "init", "-q", "-b", "trunk");
        Files.writeString(work.resolve("README.md"), "# Imported\n");
        git(work, "add", "README.md");
        git(work, "commit", "-q", "-m", "First");
        git(work, "branch", "feature");
        Path bare = base.resolve("source.git");
        git(base, "clone", "-q", "--bare", work.toString(), bare.toString());
        return bare;
    }

    private static String git(Path directory, String... arguments) {
        return GitCommandLine.inDirectory(directory, arguments);
    }
}
