package io.switchboard.chat.tools;

/** What a tool call produced; {@code error} results go back to the model as failures. */
public record ToolOutcome(String text, boolean error) {
}
