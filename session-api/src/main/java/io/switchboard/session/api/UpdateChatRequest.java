package io.switchboard.session.api;

import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.switchboard.events.text.SafeText;

/** The fields to change; an absent field keeps its value. Lengths in code points, as for a new chat. */
public record UpdateChatRequest(
        @SafeText(max = 200) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
        @Schema(description = "The chat's title, in Unicode code points", maxLength = 200) String title,
        @SafeText(max = 2000) @Schema(description = "What the chat is for, in Unicode code points", maxLength = 2000)
        String description,
        @SafeText(max = 100) @Pattern(regexp = FieldRules.MODEL, message = "must be a model name")
        @Schema(description = "The model the chat's next turns use", examples = "offline", maxLength = 100)
        String model,
        @Schema(description = "Whether the chat is pinned in its project's list") Boolean pinned) {
}
