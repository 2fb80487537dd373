package io.switchboard.session.rest;

import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import io.switchboard.kit.validation.SafeText;

/** A pane of a view being created: a chat of the caller's tenant, its model (default the chat's), its size. */
public record NewPaneRequest(
        @NotNull UUID chatId,
        @SafeText(max = 100) @Pattern(regexp = ViewRules.MODEL, message = "must be a model name") String model,
        @Min(10) @Max(100) Integer size) {
}
