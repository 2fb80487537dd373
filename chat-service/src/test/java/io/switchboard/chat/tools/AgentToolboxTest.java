package io.switchboard.chat.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.chat.llm.ModelEvent;
import io.switchboard.chat.llm.ToolSpec;
import io.switchboard.workspace.api.ChangedFile;
import io.switchboard.workspace.api.DiffPart;
import io.switchboard.workspace.api.FileContent;
import io.switchboard.workspace.api.FileEntry;
import io.switchboard.workspace.api.FileListing;
import io.switchboard.workspace.api.FileWritten;
import io.switchboard.workspace.api.SearchMatch;
import io.switchboard.workspace.api.SearchResult;
import io.switchboard.workspace.api.WorkspaceDiff;

/**
 * What the toolbox decides before anything goes over the network: the tools it offers, and calls it
 * answers with an error the model can act on. No workspace service is involved (the client is absent),
 * so reaching it would fail these tests; the calls that do reach it are covered by the launcher's
 * AgentWorkspaceToolsIT against the real service.
 */
class AgentToolboxTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final AgentToolbox toolbox = new AgentToolbox(null, config(true, 16_000),
            new TenantBreakers());

    @Test
    void offersTheFiveWorkspaceToolsEachWithAnObjectSchema() {
        List<ToolSpec> specs = toolbox.specs();
        assertThat(specs).extracting(ToolSpec::name)
                .containsExactly("list_files", "read_file", "write_file", "search", "show_diff");
        for (ToolSpec spec : specs) {
            assertThat(spec.description()).isNotBlank();
            assertThat(spec.parameters().path("type").asText()).isEqualTo("object");
            assertThat(spec.parameters().path("additionalProperties").asBoolean(true)).isFalse();
            assertThat(spec.parameters().path("properties").isObject()).isTrue();
        }
        JsonNode write = specs.get(2).parameters();
        assertThat(write.path("required")).extracting(JsonNode::asText).containsExactly("path", "content");
        assertThat(write.at("/properties/content/type").asText()).isEqualTo("string");
        assertThat(write.at("/properties/content/minLength").asInt()).isZero();
        assertThat(write.at("/properties/path/minLength").asInt()).isEqualTo(1);
        JsonNode search = specs.get(3).parameters();
        assertThat(search.path("required")).extracting(JsonNode::asText).containsExactly("query");
        assertThat(search.at("/properties/max_results/type").asText()).isEqualTo("integer");
        assertThat(search.at("/properties/max_results/maximum").asInt()).isEqualTo(500);
        assertThat(search.at("/properties/regex/type").asText()).isEqualTo("boolean");
        assertThat(specs.get(4).parameters().path("required")).isEmpty();
    }

    @Test
    void anUnknownToolIsAnErrorNamingTheToolsThereAre() {
        ToolOutcome outcome = execute("delete_everything", "{}");
        assertThat(outcome.error()).isTrue();
        assertThat(outcome.text()).contains("no tool 'delete_everything'")
                .contains("list_files, read_file, write_file, search, show_diff");
        assertThat(execute(null, "{}").text()).contains("names no tool");
        assertThat(toolbox.execute("t", UUID.randomUUID().toString(), UUID.randomUUID(), null)
                .await().atMost(WAIT).error()).isTrue();
    }

    @Test
    void argumentsThatAreNotAJsonObjectAreErrorsWithAnExample() {
        assertThat(execute("read_file", "{\"path\": ")).satisfies(outcome -> {
            assertThat(outcome.error()).isTrue();
            assertThat(outcome.text()).contains("not valid JSON").contains("{\"path\": \"src/App.java\"}");
        });
        assertThat(execute("read_file", "[\"a.txt\"]").text()).contains("must be a JSON object");
        assertThat(execute("read_file", "\"a.txt\"").text()).contains("must be a JSON object");
    }

    @Test
    void missingWronglyTypedOutOfRangeAndUnknownArgumentsAreErrors() {
        assertThat(execute("read_file", "{}").text()).contains("read_file needs the argument 'path'");
        assertThat(execute("read_file", "").text()).contains("needs the argument 'path'");
        assertThat(execute("read_file", "{\"path\": 42}").text()).contains("'path' of read_file must be a string");
        assertThat(execute("read_file", "{\"path\": \"\"}").text()).contains("must not be empty");
        assertThat(execute("write_file", "{\"path\": \"a.txt\"}").text()).contains("needs the argument 'content'");
        assertThat(execute("list_files", "{\"recursive\": \"yes\"}").text()).contains("must be true or false");
        assertThat(execute("list_files", "{\"limit\": 2.5}").text()).contains("must be a whole number");
        assertThat(execute("list_files", "{\"limit\": 0}").text()).contains("between 1 and 2000, was 0");
        assertThat(execute("search", "{\"query\": \"x\", \"max_results\": 100000}").text())
                .contains("between 1 and 500");
        assertThat(execute("search", "{\"query\": \"x\", \"file\": \"a\", \"case\": true}").text())
                .contains("search has no argument file, case")
                .contains("its arguments are query, regex, ignore_case, glob, path, max_results");
        assertThat(execute("show_diff", "{\"against_default_branch\": 1}").text()).contains("must be true or false");
    }

    @Test
    void withoutAServiceIdentityEveryToolAnswersThatTheToolsAreUnavailable() {
        AgentToolbox unconfigured = new AgentToolbox(null, config(false, 16_000),
                new TenantBreakers());
        ToolOutcome outcome = unconfigured.execute("tenant", UUID.randomUUID().toString(), UUID.randomUUID(),
                new ModelEvent.ToolCall("call-1", "list_files", "{}")).await().atMost(WAIT);
        assertThat(outcome.error()).isTrue();
        assertThat(outcome.text()).contains("not available").contains("list_files did not run");
        // Bad arguments are still explained first: the model can fix those.
        assertThat(unconfigured.execute("tenant", "c", null, new ModelEvent.ToolCall("1", "read_file", "{}"))
                .await().atMost(WAIT).text()).contains("needs the argument 'path'");
        assertThat(unconfigured.commitTurn("tenant", UUID.randomUUID().toString(), UUID.randomUUID(), "Turn")
                .await().atMost(WAIT)).isEmpty();
    }

    @Test
    void longResultsAreCutWithinTheLimitSayingHowMuchIsMissing() {
        String text = "x".repeat(10_000);
        String cut = ToolResultText.truncate(text, 1_000);
        assertThat(cut.length()).isLessThanOrEqualTo(1_000);
        assertThat(cut).startsWith("xxx").endsWith("[result truncated: 9080 more characters not shown]");
        assertThat(ToolResultText.truncate("short", 1_000)).isEqualTo("short");
        String emoji = "a".repeat(919) + "\uD83D\uDE00" + "b".repeat(200);
        assertThat(ToolResultText.truncate(emoji, 1_000)).doesNotContain("\uD83D\n");
    }

    @Test
    void resultsReadAsTextForTheModel() {
        assertThat(ToolResultText.listing(new FileListing("src", false, List.of(
                new FileEntry("src/App.java", "file", 12L),
                new FileEntry("src/util", "directory", null),
                new FileEntry("src/link", "symlink", null)), true)))
                .isEqualTo("Entries of 'src' (3):\nsrc/App.java (12 bytes)\nsrc/util/\nsrc/link (symbolic link)\n"
                        + "[more entries exist: list a subdirectory or raise 'limit']\n");
        assertThat(ToolResultText.listing(new FileListing("", true, List.of(), false)))
                .isEqualTo("The working directory is empty.");
        assertThat(ToolResultText.file(new FileContent("a.txt", 8, 4, 2, 3, "b\nc\n")))
                .isEqualTo("File 'a.txt' (lines 2-3 of 4, 8 bytes):\nb\nc\n");
        assertThat(ToolResultText.search(new SearchResult(List.of(
                new SearchMatch("a.txt", 3, "TODO here")), false, 7)))
                .isEqualTo("1 matches:\na.txt:3: TODO here\n");
        assertThat(ToolResultText.search(new SearchResult(List.of(), false, 7)))
                .isEqualTo("No matches in 7 files searched.");
        assertThat(ToolResultText.written(new FileWritten("n.md", 3, true)))
                .isEqualTo("Created 'n.md' (3 bytes).");
        WorkspaceDiff diff = new WorkspaceDiff("switchboard/c", "0123456789abcdef",
                new DiffPart("0123456789abcdef", List.of(), "", false), "main",
                new DiffPart("fedcba9876543210",
                        List.of(new ChangedFile("b.txt", "RENAME", "a.txt")), "diff --git ...\n", true));
        assertThat(ToolResultText.diff(diff))
                .startsWith("No uncommitted changes.\n\nChanges committed on switchboard/c since it left main"
                        + " (at fedcba987654), 1 files: RENAME a.txt -> b.txt\ndiff --git ...\n")
                .endsWith("[the diff is cut here; read the files for the rest]\n");
    }

    private ToolOutcome execute(String tool, String arguments) {
        return toolbox.execute("tenant", UUID.randomUUID().toString(), UUID.randomUUID(),
                new ModelEvent.ToolCall("call-1", tool, arguments)).await().atMost(WAIT);
    }

    private static ToolsConfig config(boolean enabled, int maxResultChars) {
        return new ToolsConfig() {
            @Override
            public String workspaceUrl() {
                return "http://127.0.0.1:1";
            }

            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public int maxResultChars() {
                return maxResultChars;
            }
        };
    }
}
