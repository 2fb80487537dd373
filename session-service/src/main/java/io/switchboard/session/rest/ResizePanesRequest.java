package io.switchboard.session.rest;

import java.util.List;

import jakarta.validation.constraints.NotNull;

/** The size of every pane in order, in percent: each at least 10, together 100. */
public record ResizePanesRequest(@NotNull List<@NotNull Integer> sizes) {
}
