package io.switchboard.session.api;

import java.util.UUID;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Opens a chat's tab at {@code position} (default: last; an open tab moves there) and makes it the active tab
 * unless {@code activate} is false.
 */
public record OpenTabRequest(
        @NotNull @Schema(required = true) UUID chatId,
        @Min(0) @Schema(description = "Index among the open tabs; default last (an open tab stays put)")
        Integer position,
        @Schema(description = "Make it the active tab; default true") Boolean activate) {
}
