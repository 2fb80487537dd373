package io.switchboard.session.rest;

import jakarta.validation.constraints.Pattern;

import io.switchboard.kit.validation.SafeText;

/** The fields to change; an absent field keeps its value. Lengths in code points, as for a new chat. */
public record UpdateChatRequest(
        @SafeText(max = 200) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String title,
        @SafeText(max = 2000) String description,
        @SafeText(max = 100) @Pattern(regexp = "[A-Za-z0-9._:/-]+", message = "must be a model name") String model,
        Boolean pinned) {
}
