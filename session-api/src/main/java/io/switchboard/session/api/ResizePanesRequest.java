package io.switchboard.session.api;

import java.util.List;

import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The size of every pane in order, in percent: each at least 10, together 100. */
public record ResizePanesRequest(
        @NotNull @Schema(required = true, description = "One size per pane in order: each at least 10, sum 100")
        List<@NotNull Integer> sizes) {
}
