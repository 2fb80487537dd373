package io.switchboard.session.rest;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import io.switchboard.kit.validation.SafeText;

/**
 * A new view. Only the name is required: layout defaults to horizontal, sync mode to independent, maxPanes to
 * the configured default; panes either all carry a size or none (then they split the view equally).
 */
public record CreateViewRequest(
        @NotBlank @SafeText(max = ViewRules.MAX_NAME) String name,
        @Pattern(regexp = ViewRules.LAYOUT, message = ViewRules.LAYOUT_RULE) String layout,
        @Pattern(regexp = ViewRules.SYNC_MODE, message = ViewRules.SYNC_MODE_RULE) String syncMode,
        @Min(1) @Max(9) Integer maxPanes,
        List<@NotNull @Valid NewPaneRequest> panes) {
}
