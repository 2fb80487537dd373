package io.switchboard.chat.tools;

/**
 * What a tool call gives back to the model.
 *
 * @param text  the result, or with {@code error} what went wrong, in words the model can act on
 * @param error true when the tool did not do what was asked
 */
public record ToolOutcome(String text, boolean error) {

    public static ToolOutcome success(String text) {
        return new ToolOutcome(text, false);
    }

    public static ToolOutcome failure(String text) {
        return new ToolOutcome(text, true);
    }
}
