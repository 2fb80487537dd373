package io.switchboard.session.rest;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** Moves a pane or a tab to index {@code to}; the others keep their order. */
public record MoveRequest(@NotNull @Min(0) Integer to) {
}
