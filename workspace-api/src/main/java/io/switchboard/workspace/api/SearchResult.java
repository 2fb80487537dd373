package io.switchboard.workspace.api;

import java.util.List;

/**
 * Matches in path and line order.
 *
 * @param truncated     true when the search stopped at the maximum number of matches or its time limit
 * @param filesSearched text files whose lines were read
 */
public record SearchResult(List<SearchMatch> matches, boolean truncated, int filesSearched) {
}
