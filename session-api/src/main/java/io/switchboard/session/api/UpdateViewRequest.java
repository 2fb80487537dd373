package io.switchboard.session.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.switchboard.events.text.SafeText;

/** Renames a view or changes its layout, sync mode or maxPanes; absent fields stay as they are. */
public record UpdateViewRequest(
        @SafeText(max = FieldRules.MAX_NAME) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
        String name,
        @Pattern(regexp = FieldRules.LAYOUT, message = FieldRules.LAYOUT_RULE)
        @Schema(enumeration = {"horizontal", "vertical", "grid"}) String layout,
        @Pattern(regexp = FieldRules.SYNC_MODE, message = FieldRules.SYNC_MODE_RULE)
        @Schema(enumeration = {"independent", "broadcast"}) String syncMode,
        @Min(1) @Max(9) Integer maxPanes) {

    public boolean isEmpty() {
        return name == null && layout == null && syncMode == null && maxPanes == null;
    }
}
