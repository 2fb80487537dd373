package io.switchboard.session.rest;

import java.util.UUID;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import io.switchboard.kit.validation.SafeText;

/** A pane added to a view, at {@code position} (default: last); the model defaults to the chat's. */
public record AddPaneRequest(
        @NotNull UUID chatId,
        @SafeText(max = 100) @Pattern(regexp = ViewRules.MODEL, message = "must be a model name") String model,
        @Min(0) Integer position) {
}
