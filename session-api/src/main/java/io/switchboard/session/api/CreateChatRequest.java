package io.switchboard.session.api;

import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.switchboard.events.text.SafeText;

/**
 * Both fields are optional: a chat without a title or model gets the configured defaults. Lengths are in
 * characters (code points), as the database and the clients count them; the title travels on to every
 * consumer of session.lifecycle, so it must be text none of them refuses.
 */
public record CreateChatRequest(
        @SafeText(max = 200) @Schema(description = "The chat's title, in Unicode code points; \"New chat\" when "
                + "absent", maxLength = 200) String title,
        @SafeText(max = 100) @Pattern(regexp = FieldRules.MODEL, message = "must be a model name")
        @Schema(description = "The chat's model; the configured default when absent", examples = "offline",
                maxLength = 100) String model) {
}
