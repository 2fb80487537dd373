package io.switchboard.session.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import io.switchboard.kit.validation.SafeText;

/** Renames a view or changes its layout, sync mode or maxPanes; absent fields stay as they are. */
public record UpdateViewRequest(
        @SafeText(max = ViewRules.MAX_NAME) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String name,
        @Pattern(regexp = ViewRules.LAYOUT, message = ViewRules.LAYOUT_RULE) String layout,
        @Pattern(regexp = ViewRules.SYNC_MODE, message = ViewRules.SYNC_MODE_RULE) String syncMode,
        @Min(1) @Max(9) Integer maxPanes) {

    boolean isEmpty() {
        return name == null && layout == null && syncMode == null && maxPanes == null;
    }
}
