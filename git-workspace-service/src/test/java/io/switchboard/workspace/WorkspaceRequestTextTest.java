package io.switchboard.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;

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
 * Text the file system, git or a JSON answer cannot take, in every text field of the file endpoints: a 400
 * problem naming the field, never a 500. Bodies are JSON text, so that escapes such as a lone surrogate reach
 * the server as sent; query parameters are sent percent-encoded by hand for the same reason.
 */
@QuarkusTest
@WithTestResource(value = SwitchboardInfrastructureResource.class,
        initArgs = @ResourceArg(name = SwitchboardInfrastructureResource.DATABASE, value = Databases.WORKSPACES))
class WorkspaceRequestTextTest {

    private static final String INVALID_PATH = "urn:switchboard:problem:invalid-path";
    private static final String INVALID_REQUEST = "urn:switchboard:problem:invalid-request";
    private static final String WAVE = "\uD83D\uDC4B";

    @Inject
    RepositoryLayout layout;

    @Test
    void badTextInAPathIsAnInvalidPathProblemNamingTheField() {
        ChatWorkspace chat = ChatWorkspace.create();
        for (String path : List.of("a\\u0000b.txt", "wave\\ud83d.txt", "\\udc4b.txt", "red\\u001b[0m.txt",
                "del\\u007f.txt", "next\\u0085.txt", "tab\\t.txt", "line\\nbreak.txt")) {
            problem(write(chat, "{\"path\":\"" + path + "\",\"content\":\"x\"}"), INVALID_PATH, "path");
        }
        for (String path : List.of("a%00b", "red%1B.txt", "del%7F.txt", "next%C2%85.txt")) {
            for (String endpoint : List.of("/workspaces/{chatId}/file", "/workspaces/{chatId}/files")) {
                problem(chat.asOwner().urlEncodingEnabled(false).queryParam("path", path).get(endpoint).then(),
                        INVALID_PATH, "path");
            }
            problem(chat.asOwner().urlEncodingEnabled(false).queryParam("query", "x").queryParam("path", path)
                    .get("/workspaces/{chatId}/search").then(), INVALID_PATH, "path");
        }
        chat.asOwner().queryParam("recursive", true).get("/workspaces/{chatId}/files")
                .then().statusCode(200).body("entries", hasSize(0));
    }

    @Test
    void fileContentMayHoldControlCharactersButNotNulOrHalfACharacter() {
        ChatWorkspace chat = ChatWorkspace.create();
        problem(write(chat, "{\"path\":\"nul.txt\",\"content\":\"a\\u0000b\"}"), INVALID_REQUEST, "content")
                .body("detail", containsString("binary"));
        problem(write(chat, "{\"path\":\"half.txt\",\"content\":\"wave \\ud83d\"}"), INVALID_REQUEST, "content")
                .body("detail", containsString("unpaired surrogate"));
        assertThat(layout.chatWorkingDirectory(chat.id()).resolve("nul.txt")).doesNotExist();
        assertThat(layout.chatWorkingDirectory(chat.id()).resolve("half.txt")).doesNotExist();

        // Form feeds in sources, escape sequences in terminal fixtures, a bell in test data: all legitimate.
        String content = "int a;\f\nint b;\n\u001b[31mred\u001b[0m\u0007\u007f " + WAVE + "\n";
        write(chat, "{\"path\":\"src/legit.c\",\"content\":\"int a;\\f\\nint b;\\n\\u001b[31mred\\u001b[0m"
                + "\\u0007\\u007f \\ud83d\\udc4b\\n\"}").statusCode(200)
                .body("size", equalTo(content.getBytes(StandardCharsets.UTF_8).length));
        assertThat(chat.read("src/legit.c")).isEqualTo(content);
        assertThat(layout.chatWorkingDirectory(chat.id()).resolve("src/legit.c")).content().isEqualTo(content);
    }

    @Test
    void badTextInACommitMessageIsAProblemNamingTheField() {
        ChatWorkspace chat = ChatWorkspace.create();
        chat.write("a.txt", "a\n");
        for (String message : List.of("fix\\u0000", "wave \\ud83d", "\\u001b[2J cleared", "bell\\u0007")) {
            problem(commit(chat, "{\"message\":\"" + message + "\"}"), INVALID_REQUEST, "message");
        }
        problem(commit(chat, "{\"message\":\"" + "m".repeat(10_001) + "\"}"), INVALID_REQUEST, "message")
                .body("detail", containsString("10000"));
        // Characters, not UTF-16 units: 9 990 emoji (19 980 units) and a body with a tab fit in 10 000.
        commit(chat, "{\"message\":\"" + WAVE.repeat(9_990) + "\\n\\nbody\\tok\"}").statusCode(200)
                .body("committed", equalTo(true));
    }

    @Test
    void badTextInASearchQueryOrGlobIsAProblemNamingTheField() {
        ChatWorkspace chat = ChatWorkspace.create();
        chat.write("a.txt", "needle\n");
        for (String bad : List.of("nee%00dle", "%1B[31m", "del%7F")) {
            problem(chat.asOwner().urlEncodingEnabled(false).queryParam("query", bad)
                    .get("/workspaces/{chatId}/search").then(), INVALID_REQUEST, "query");
            problem(chat.asOwner().urlEncodingEnabled(false).queryParam("query", "needle").queryParam("glob", bad)
                    .get("/workspaces/{chatId}/search").then(), INVALID_REQUEST, "glob");
        }
        chat.asOwner().queryParam("query", "needle").queryParam("glob", "*.txt").get("/workspaces/{chatId}/search")
                .then().statusCode(200).body("matches.path", contains("a.txt"));
    }

    @Test
    void namesAreMeasuredInTheBytesTheFileSystemCounts() {
        ChatWorkspace chat = ChatWorkspace.create();
        // 100 characters, 200 bytes: fits the 255 bytes a name may have.
        String accented = "\u00e9".repeat(100);
        chat.write("dir/" + accented + ".txt", "accents\n");
        assertThat(chat.read("dir/" + accented + ".txt")).isEqualTo("accents\n");
        chat.asOwner().queryParam("path", "dir").get("/workspaces/{chatId}/files")
                .then().statusCode(200).body("entries.path", contains("dir/" + accented + ".txt"));
        chat.write("a".repeat(255), "longest ASCII name\n");

        // 90 characters, far below 255, but 360 bytes: the file system would refuse it.
        String waves = WAVE.repeat(90);
        problem(write(chat, "{\"path\":\"" + waves + "\",\"content\":\"x\"}"), INVALID_PATH, "path")
                .body("detail", containsString("360 bytes"));
        problem(chat.asOwner().queryParam("path", "dir/" + waves).get("/workspaces/{chatId}/file").then(),
                INVALID_PATH, "path");
        problem(chat.asOwner().queryParam("path", waves).get("/workspaces/{chatId}/files").then(), INVALID_PATH,
                "path");
        problem(write(chat, "{\"path\":\"" + "b".repeat(256) + "\",\"content\":\"x\"}"), INVALID_PATH, "path");

        // Every name fits, the whole path does not: PATH_MAX is 4096 bytes, the working directory's own included.
        String deep = String.join("/", Collections.nCopies(16, "d".repeat(250))) + "/f.txt";
        problem(write(chat, "{\"path\":\"" + deep + "\",\"content\":\"x\"}"), INVALID_PATH, "path")
                .body("detail", containsString("too long"));
        assertThat(layout.chatWorkingDirectory(chat.id()).resolve("d".repeat(250))).doesNotExist();
    }

    @Test
    void aLongLineIsCutBetweenCharactersNotInsideOne() {
        ChatWorkspace chat = ChatWorkspace.create();
        // The emoji straddles the 300-character cut: half of it would make the answer invalid JSON.
        chat.write("long.txt", "a".repeat(299) + WAVE + " needle\n");
        chat.asOwner().queryParam("query", "needle").get("/workspaces/{chatId}/search")
                .then().statusCode(200)
                .body("matches[0].text", equalTo("a".repeat(299) + "..."));
    }

    private static ValidatableResponse write(ChatWorkspace chat, String json) {
        return chat.asOwner().contentType("application/json").body(json).put("/workspaces/{chatId}/file").then();
    }

    private static ValidatableResponse commit(ChatWorkspace chat, String json) {
        return chat.asOwner().contentType("application/json").body(json).post("/workspaces/{chatId}/commits").then();
    }

    private static ValidatableResponse problem(ValidatableResponse response, String type, String field) {
        return response.statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo(type))
                .body("violations.field", contains(field))
                .body("detail", not(containsString("/work/")))
                .body("detail", not(containsString("Exception")));
    }
}
