package io.switchboard.session.api;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Moves a pane or a tab to index {@code to}; the others keep their order. */
public record MoveRequest(@NotNull @Min(0) @Schema(required = true, description = "The new index") Integer to) {
}
