package io.switchboard.gateway.service;

import jakarta.validation.constraints.NotBlank;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.switchboard.events.text.SafeText;

/** The new text of a queued turn; held to the same rules as the text of a message. */
@Schema(name = "EditTurnRequest", description = "The new text of a queued turn")
public record TurnEdit(
        @NotBlank @SafeText(max = MessageDraft.MAX_TEXT_LENGTH)
        @Schema(description = "The new text, in Unicode code points", maxLength = MessageDraft.MAX_TEXT_LENGTH,
                required = true)
        String text) {
}
