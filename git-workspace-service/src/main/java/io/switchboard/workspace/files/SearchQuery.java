package io.switchboard.workspace.files;

/**
 * A search over a working directory.
 *
 * @param query      the text, or with {@code regex} a Java regular expression, to find in a line
 * @param glob       optional file pattern: without '/' matched against file names ({@code *.java}),
 *                   with '/' against paths relative to the working directory ({@code src/**&#47;*.ts})
 * @param path       optional directory to search below
 * @param maxResults optional maximum number of matches
 */
public record SearchQuery(String query, boolean regex, boolean ignoreCase, String glob, String path,
        Integer maxResults) {
}
