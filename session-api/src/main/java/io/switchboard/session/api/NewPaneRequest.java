package io.switchboard.session.api;

import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.switchboard.events.text.SafeText;

/** A pane of a view being created: a chat of the caller's tenant, its model (default the chat's), its size. */
public record NewPaneRequest(
        @NotNull @Schema(required = true) UUID chatId,
        @SafeText(max = 100) @Pattern(regexp = FieldRules.MODEL, message = "must be a model name")
        @Schema(description = "Default: the chat's model") String model,
        @Min(10) @Max(100) @Schema(description = "Percent of the view, at least 10") Integer size) {
}
