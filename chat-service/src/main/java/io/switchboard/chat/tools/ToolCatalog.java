package io.switchboard.chat.tools;

import static io.switchboard.chat.tools.ToolParameter.optionalBoolean;
import static io.switchboard.chat.tools.ToolParameter.optionalInteger;
import static io.switchboard.chat.tools.ToolParameter.optionalString;
import static io.switchboard.chat.tools.ToolParameter.requiredString;
import static io.switchboard.chat.tools.ToolParameter.requiredText;

import java.util.List;
import java.util.Optional;

/**
 * The tools an agent has in its chat's working directory. Bounds mirror git-workspace-service's
 * defaults ({@code switchboard.workspace.files.*}); the service checks them again.
 */
final class ToolCatalog {

    static final String LIST_FILES = "list_files";
    static final String READ_FILE = "read_file";
    static final String WRITE_FILE = "write_file";
    static final String SEARCH = "search";
    static final String SHOW_DIFF = "show_diff";

    private static final String PATH_RULE = "Paths are relative to the chat's working directory, separated by '/';"
            + " absolute paths, '..' and .git are refused.";

    static final List<ToolDefinition> ALL = List.of(
            new ToolDefinition(LIST_FILES,
                    "List the files of the chat's working directory (a git checkout of the chat's own branch)."
                            + " Without 'recursive' it shows the direct entries of one directory, directories"
                            + " included; with it, every file below. " + PATH_RULE,
                    List.of(optionalString("path", "Directory to list; omit for the top of the working directory"),
                            optionalBoolean("recursive", "List every file below the directory (default false)"),
                            optionalInteger("limit", "Most entries to return (default 200)", 1, 2000)),
                    "{\"path\": \"src\", \"recursive\": true}"),
            new ToolDefinition(READ_FILE,
                    "Read a UTF-8 text file of the working directory, whole or a range of lines. Binary files and"
                            + " files over 1 MB are refused; search those instead. " + PATH_RULE,
                    List.of(requiredString("path", "File to read"),
                            optionalInteger("from_line", "First line to return, 1-based (default 1)", 1,
                                    1_000_000),
                            optionalInteger("max_lines", "Most lines to return (default: to the end)", 1,
                                    1_000_000)),
                    "{\"path\": \"src/App.java\"}"),
            new ToolDefinition(WRITE_FILE,
                    "Create or replace a text file in the working directory with the given content, creating"
                            + " missing directories. Write the whole file: there is no partial edit. Changes are"
                            + " committed on the chat's branch at the end of the turn. " + PATH_RULE,
                    List.of(requiredString("path", "File to write"),
                            requiredText("content", "The complete new content of the file")),
                    "{\"path\": \"notes/todo.md\", \"content\": \"# Todo\\n\"}"),
            new ToolDefinition(SEARCH,
                    "Search the text files of the working directory for lines containing a text, or matching a"
                            + " regular expression (Java syntax); answers path, line number and line for each match."
                            + " " + PATH_RULE,
                    List.of(requiredString("query", "Text to find, or with 'regex' a regular expression"),
                            optionalBoolean("regex", "Treat query as a regular expression (default false)"),
                            optionalBoolean("ignore_case", "Match regardless of case (default false)"),
                            optionalString("glob", "Only files matching this glob: without '/' against file names"
                                    + " ('*.java'), with '/' against paths ('src/**/*.ts')"),
                            optionalString("path", "Directory to search below; omit for everything"),
                            optionalInteger("max_results", "Most matches to return (default 50)", 1, 500)),
                    "{\"query\": \"TODO\", \"glob\": \"*.java\"}"),
            new ToolDefinition(SHOW_DIFF,
                    "Show the working directory's uncommitted changes as a unified diff against the branch head;"
                            + " optionally also everything the chat's branch changed since it left the project's"
                            + " default branch.",
                    List.of(optionalBoolean("against_default_branch",
                            "Also show the branch's committed changes against the default branch (default false)")),
                    "{\"against_default_branch\": true}"));

    private ToolCatalog() {
    }

    static Optional<ToolDefinition> find(String name) {
        return ALL.stream().filter(tool -> tool.name().equals(name)).findFirst();
    }

    static String names() {
        return String.join(", ", ALL.stream().map(ToolDefinition::name).toList());
    }
}
