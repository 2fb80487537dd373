package io.switchboard.session.api;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.switchboard.events.text.SafeText;

/**
 * A new view. Only the name is required: layout defaults to horizontal, sync mode to independent, maxPanes to
 * the configured default; panes either all carry a size or none (then they split the view equally).
 */
public record CreateViewRequest(
        @NotBlank @SafeText(max = FieldRules.MAX_NAME)
        @Schema(required = true, maxLength = FieldRules.MAX_NAME) String name,
        @Pattern(regexp = FieldRules.LAYOUT, message = FieldRules.LAYOUT_RULE)
        @Schema(enumeration = {"horizontal", "vertical", "grid"}, description = "Default horizontal") String layout,
        @Pattern(regexp = FieldRules.SYNC_MODE, message = FieldRules.SYNC_MODE_RULE)
        @Schema(enumeration = {"independent", "broadcast"}, description = "Default independent") String syncMode,
        @Min(1) @Max(9) @Schema(description = "1-9; default switchboard.session.views.default-max-panes (4)")
        Integer maxPanes,
        @Schema(description = "Initial panes: every one with a size or none (then split equally)")
        List<@NotNull @Valid NewPaneRequest> panes) {
}
