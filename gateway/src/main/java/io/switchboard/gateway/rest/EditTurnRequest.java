package io.switchboard.gateway.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.switchboard.gateway.service.MessageDraft;

/** The new text of a queued turn. */
public record EditTurnRequest(
        @NotBlank @Size(max = MessageDraft.MAX_TEXT_LENGTH)
        @Schema(required = true, maxLength = MessageDraft.MAX_TEXT_LENGTH)
        String text) {
}
