package io.switchboard.launcher;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

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
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Source", "-c",
                "user.email=source@example.com", "-C", directory.toString()));
        command.addAll(Arrays.asList(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as("git %s: %s", Arrays.toString(arguments), output).isZero();
            return output;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
