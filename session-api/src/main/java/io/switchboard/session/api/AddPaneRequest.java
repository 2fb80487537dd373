package io.switchboard.session.api;

import java.util.UUID;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.switchboard.events.text.SafeText;

/** A pane added to a view, at {@code position} (default: last); the model defaults to the chat's. */
public record AddPaneRequest(
        @NotNull @Schema(required = true) UUID chatId,
        @SafeText(max = 100) @Pattern(regexp = FieldRules.MODEL, message = "must be a model name")
        @Schema(description = "Default: the chat's model") String model,
        @Min(0) @Schema(description = "Index to insert at; default last") Integer position) {
}
