package io.switchboard.session.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One tool call of an answer: the tool, how it ended ({@code succeeded}, {@code failed}, or {@code running} for a
 * turn that ended while it ran) and, when it failed, why.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ToolCallSummary(String tool, String status, String error) {
}
