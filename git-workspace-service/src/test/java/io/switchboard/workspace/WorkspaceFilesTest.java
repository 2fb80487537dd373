package io.switchboard.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

/** Listing, reading, writing and searching a chat's working directory, and what the endpoints refuse. */
@QuarkusTest
@WithTestResource(value = SwitchboardInfrastructureResource.class,
        initArgs = @ResourceArg(name = SwitchboardInfrastructureResource.DATABASE, value = Databases.WORKSPACES))
class WorkspaceFilesTest {

    /** %test.switchboard.workspace.files.max-read-size and max-write-size. */
    private static final int LIMIT = 64 * 1024;

    @Inject
    RepositoryLayout layout;

    @Test
    void theWorkingDirectoryIsMaterialisedOnFirstUseFromTheChatsBranch() {
        ChatWorkspace chat = ChatWorkspace.create();
        Path directory = layout.chatWorkingDirectory(chat.id());
        assertThat(directory).doesNotExist();
        GitRepositories.commitFile(layout.projectRepository(chat.projectId()), chat.branch(), "README.md", "# Hi\n");

        chat.asOwner().get("/workspaces/{chatId}/files")
                .then().statusCode(200)
                .body("path", equalTo(""))
                .body("entries.path", contains("README.md"))
                .body("entries[0].type", equalTo("file"))
                .body("entries[0].size", equalTo(5))
                .body("truncated", equalTo(false));

        assertThat(directory.resolve("README.md")).content().isEqualTo("# Hi\n");
        assertThat(directory.resolve(".git")).isRegularFile();
        assertThat(chat.read("README.md")).isEqualTo("# Hi\n");
    }

    @Test
    void filesAreWrittenWithTheirDirectoriesAndListedInPathOrder() {
        ChatWorkspace chat = ChatWorkspace.create();
        chat.asOwner().contentType("application/json")
                .body(Map.of("path", "src/main/App.java", "content", "class App {}\n"))
                .put("/workspaces/{chatId}/file")
                .then().statusCode(200)
                .body("path", equalTo("src/main/App.java"))
                .body("size", equalTo(13))
                .body("created", equalTo(true));
        chat.asOwner().contentType("application/json")
                .body(Map.of("path", "./src/main/App.java", "content", "class App { int x; }\n"))
                .put("/workspaces/{chatId}/file")
                .then().statusCode(200)
                .body("path", equalTo("src/main/App.java"))
                .body("created", equalTo(false));
        chat.write("src/util/Util.java", "class Util {}\n");
        chat.write("notes.txt", "todo\n");

        chat.asOwner().get("/workspaces/{chatId}/files")
                .then().statusCode(200)
                .body("entries.path", contains("notes.txt", "src"))
                .body("entries.type", contains("file", "directory"));
        chat.asOwner().queryParam("recursive", true).get("/workspaces/{chatId}/files")
                .then().statusCode(200)
                .body("recursive", equalTo(true))
                .body("entries.path", contains("notes.txt", "src/main/App.java", "src/util/Util.java"));
        chat.asOwner().queryParam("path", "src/main").get("/workspaces/{chatId}/files")
                .then().statusCode(200)
                .body("path", equalTo("src/main"))
                .body("entries.path", contains("src/main/App.java"));
        chat.asOwner().queryParam("recursive", true).queryParam("limit", 2).get("/workspaces/{chatId}/files")
                .then().statusCode(200)
                .body("entries.path", contains("notes.txt", "src/main/App.java"))
                .body("truncated", equalTo(true));
        assertThat(chat.read("src/main/App.java")).isEqualTo("class App { int x; }\n");
    }

    @Test
    void listingNeverShowsGitAndRefusesBadArguments() {
        ChatWorkspace chat = ChatWorkspace.create();
        chat.write("a.txt", "a\n");
        chat.asOwner().queryParam("recursive", true).get("/workspaces/{chatId}/files")
                .then().statusCode(200)
                .body("entries.path", contains("a.txt"));
        problem(chat.asOwner().queryParam("path", "missing").get("/workspaces/{chatId}/files").then(), 404,
                "urn:switchboard:problem:not-found");
        problem(chat.asOwner().queryParam("limit", 0).get("/workspaces/{chatId}/files").then(), 400,
                "urn:switchboard:problem:bad-request");
        problem(chat.asOwner().queryParam("limit", 100_000).get("/workspaces/{chatId}/files").then(), 400,
                "urn:switchboard:problem:bad-request");
    }

    @Test
    void aRangeOfLinesCanBeRead() {
        ChatWorkspace chat = ChatWorkspace.create();
        chat.write("lines.txt", "one\ntwo\nthree\nfour\n");

        chat.asOwner().queryParam("path", "lines.txt").queryParam("fromLine", 2).queryParam("maxLines", 2)
                .get("/workspaces/{chatId}/file")
                .then().statusCode(200)
                .body("content", equalTo("two\nthree\n"))
                .body("totalLines", equalTo(4))
                .body("fromLine", equalTo(2))
                .body("toLine", equalTo(3))
                .body("size", equalTo(19));
        problem(chat.asOwner().queryParam("path", "lines.txt").queryParam("fromLine", 9)
                .get("/workspaces/{chatId}/file").then(), 400, "urn:switchboard:problem:bad-request");
        problem(chat.asOwner().queryParam("path", "nope.txt").get("/workspaces/{chatId}/file").then(), 404,
                "urn:switchboard:problem:not-found");
        problem(chat.asOwner().queryParam("path", "lines.txt/x").get("/workspaces/{chatId}/file").then(), 404,
                "urn:switchboard:problem:not-found");
    }

    @Test
    void pathsOutsideTheWorkingDirectoryOrInsideGitAreRefused() throws IOException {
        ChatWorkspace chat = ChatWorkspace.create();
        chat.write("inside.txt", "inside\n");
        Path directory = layout.chatWorkingDirectory(chat.id());
        List<String> refused = List.of("../escape.txt", "a/../../escape.txt", "/tmp/escape.txt", "/etc/passwd",
                ".git/config", ".git", "sub/.git/hooks/pre-commit", ".GIT/HEAD", "a\\..\\..\\escape.txt",
                "~/escape.txt", "C:/escape.txt", "a/\u0000/b", "", "  ", ".", "./");
        for (String path : refused) {
            problem(chat.asOwner().contentType("application/json").body(Map.of("path", path, "content", "x"))
                    .put("/workspaces/{chatId}/file").then(), 400, "urn:switchboard:problem:invalid-path");
        }
        for (String path : List.of("../escape.txt", "/etc/passwd", ".git/config", "..")) {
            problem(chat.asOwner().queryParam("path", path).get("/workspaces/{chatId}/file").then(), 400,
                    "urn:switchboard:problem:invalid-path");
            problem(chat.asOwner().queryParam("path", path).get("/workspaces/{chatId}/files").then(), 400,
                    "urn:switchboard:problem:invalid-path");
            problem(chat.asOwner().queryParam("query", "x").queryParam("path", path)
                    .get("/workspaces/{chatId}/search").then(), 400, "urn:switchboard:problem:invalid-path");
        }
        assertThat(directory.resolveSibling("escape.txt")).doesNotExist();
        assertThat(directory.getParent().resolveSibling("escape.txt")).doesNotExist();
        assertThat(directory.resolve(".git")).content().startsWith("gitdir: ");

        // A repository may contain symbolic links; the tools never follow them out of the directory.
        Path outside = Files.createTempFile("outside", ".txt");
        Files.writeString(outside, "secret\n");
        Files.createSymbolicLink(directory.resolve("link.txt"), outside);
        Files.createSymbolicLink(directory.resolve("linkdir"), outside.getParent());
        problem(chat.asOwner().queryParam("path", "link.txt").get("/workspaces/{chatId}/file").then(), 400,
                "urn:switchboard:problem:invalid-path");
        problem(chat.asOwner().contentType("application/json").body(Map.of("path", "linkdir/new.txt", "content", "x"))
                .put("/workspaces/{chatId}/file").then(), 400, "urn:switchboard:problem:invalid-path");
        chat.asOwner().queryParam("query", "secret").get("/workspaces/{chatId}/search")
                .then().statusCode(200).body("matches", empty());
        chat.asOwner().get("/workspaces/{chatId}/files").then().statusCode(200)
                .body("entries.find { it.path == 'link.txt' }.type", equalTo("symlink"));
        assertThat(outside).content().isEqualTo("secret\n");
        assertThat(outside.getParent().resolve("new.txt")).doesNotExist();
    }

    @Test
    void oversizeContentAndFilesAreRefusedWithProblems() throws IOException {
        ChatWorkspace chat = ChatWorkspace.create();
        chat.write("exactly-the-limit.txt", "x".repeat(LIMIT));

        problem(chat.asOwner().contentType("application/json")
                .body(Map.of("path", "too-big.txt", "content", "x".repeat(LIMIT + 1)))
                .put("/workspaces/{chatId}/file").then(), 413, "urn:switchboard:problem:content-too-large")
                .body("detail", containsString(String.valueOf(LIMIT)));
        // Multi-byte characters count as the bytes they take.
        problem(chat.asOwner().contentType("application/json")
                .body(Map.of("path", "too-big.txt", "content", "é".repeat(LIMIT / 2 + 1)))
                .put("/workspaces/{chatId}/file").then(), 413, "urn:switchboard:problem:content-too-large");
        assertThat(layout.chatWorkingDirectory(chat.id()).resolve("too-big.txt")).doesNotExist();

        Files.writeString(layout.chatWorkingDirectory(chat.id()).resolve("huge.log"), "y".repeat(LIMIT + 1));
        problem(chat.asOwner().queryParam("path", "huge.log").get("/workspaces/{chatId}/file").then(), 422,
                "urn:switchboard:problem:file-too-large")
                .body("detail", containsString("huge.log"));
        assertThat(chat.read("exactly-the-limit.txt")).hasSize(LIMIT);
    }

    @Test
    void binaryFilesCannotBeReadAndAreSkippedBySearch() throws IOException {
        ChatWorkspace chat = ChatWorkspace.create();
        Path directory = layout.chatWorkingDirectory(chat.id());
        chat.write("text.txt", "needle in text\n");
        Files.write(directory.resolve("image.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 'n', 'e', 'e', 'd',
                'l', 'e'});
        Files.write(directory.resolve("latin1.txt"), "needle caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

        problem(chat.asOwner().queryParam("path", "image.png").get("/workspaces/{chatId}/file").then(), 422,
                "urn:switchboard:problem:binary-file")
                .body("detail", containsString("image.png"));
        problem(chat.asOwner().queryParam("path", "latin1.txt").get("/workspaces/{chatId}/file").then(), 422,
                "urn:switchboard:problem:binary-file");
        problem(chat.asOwner().queryParam("path", ".").get("/workspaces/{chatId}/file").then(), 400,
                "urn:switchboard:problem:invalid-path");
        chat.write("dir/file.txt", "x");
        problem(chat.asOwner().queryParam("path", "dir").get("/workspaces/{chatId}/file").then(), 422,
                "urn:switchboard:problem:not-a-file");
        problem(chat.asOwner().contentType("application/json").body(Map.of("path", "dir", "content", "x"))
                .put("/workspaces/{chatId}/file").then(), 409, "urn:switchboard:problem:conflict");
        problem(chat.asOwner().contentType("application/json").body(Map.of("path", "text.txt/sub.txt", "content", "x"))
                .put("/workspaces/{chatId}/file").then(), 409, "urn:switchboard:problem:conflict");

        chat.asOwner().queryParam("query", "needle").get("/workspaces/{chatId}/search")
                .then().statusCode(200)
                .body("matches.path", contains("text.txt"))
                .body("filesSearched", equalTo(2));
    }

    @Test
    void searchFindsLiteralTextAndRegularExpressionsWithLineNumbers() {
        ChatWorkspace chat = ChatWorkspace.create();
        chat.write("src/App.java", "class App {\n  // TODO fix\n  int todo = 1;\n}\n");
        chat.write("src/app.ts", "// TODO later\n");
        chat.write("docs/readme.md", "Nothing to do\r\nTODO: docs\r\n");

        chat.asOwner().queryParam("query", "TODO").get("/workspaces/{chatId}/search")
                .then().statusCode(200)
                .body("matches.path", contains("docs/readme.md", "src/App.java", "src/app.ts"))
                .body("matches.line", contains(2, 2, 1))
                .body("matches[0].text", equalTo("TODO: docs"))
                .body("truncated", equalTo(false));
        chat.asOwner().queryParam("query", "todo").queryParam("ignoreCase", true).queryParam("glob", "*.java")
                .get("/workspaces/{chatId}/search")
                .then().statusCode(200)
                .body("matches.line", contains(2, 3));
        chat.asOwner().queryParam("query", "^\\s*int \\w+ = \\d+;$").queryParam("regex", true)
                .get("/workspaces/{chatId}/search")
                .then().statusCode(200)
                .body("matches", hasSize(1))
                .body("matches[0].path", equalTo("src/App.java"))
                .body("matches[0].line", equalTo(3))
                .body("matches[0].text", equalTo("  int todo = 1;"));
        chat.asOwner().queryParam("query", "TODO").queryParam("glob", "src/*.ts")
                .get("/workspaces/{chatId}/search")
                .then().statusCode(200)
                .body("matches.path", contains("src/app.ts"));
        chat.asOwner().queryParam("query", "TODO").queryParam("path", "src")
                .get("/workspaces/{chatId}/search")
                .then().statusCode(200)
                .body("matches.path", contains("src/App.java", "src/app.ts"));
        chat.asOwner().queryParam("query", "TODO").queryParam("maxResults", 1)
                .get("/workspaces/{chatId}/search")
                .then().statusCode(200)
                .body("matches", hasSize(1))
                .body("truncated", equalTo(true));
        problem(chat.asOwner().queryParam("query", "([a-z").queryParam("regex", true)
                .get("/workspaces/{chatId}/search").then(), 400, "urn:switchboard:problem:invalid-pattern");
        problem(chat.asOwner().get("/workspaces/{chatId}/search").then(), 400, "urn:switchboard:problem:bad-request");
    }

    @Test
    void aRegularExpressionThatBacktracksForEverIsStoppedByTheSearchTimeout() {
        ChatWorkspace chat = ChatWorkspace.create();
        chat.write("slow.txt", "a".repeat(40) + "!\n");

        long started = System.nanoTime();
        // Java's engine defuses the textbook (a+)+ but not this: without the deadline it runs for hours.
        chat.asOwner().queryParam("query", "(.*a){20}$").queryParam("regex", true)
                .get("/workspaces/{chatId}/search")
                .then().statusCode(200)
                .body("matches", empty())
                .body("truncated", equalTo(true));
        // %test.switchboard.workspace.files.search-timeout is 2s
        assertThat(System.nanoTime() - started).isLessThan(20_000_000_000L);
    }

    private static ValidatableResponse problem(ValidatableResponse response, int status, String type) {
        return response.statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(status))
                .body("type", equalTo(type))
                .body("detail", not(containsString("/work/")))
                .body("detail", not(containsString("Exception")));
    }
}
