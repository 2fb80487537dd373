package io.switchboard.session.rest;

import jakarta.validation.constraints.Pattern;

import io.switchboard.kit.validation.SafeText;

/**
 * Both fields are optional: a chat without a title or model gets the configured defaults. Lengths are in
 * characters (code points), as the database and the clients count them; the title travels on to every
 * consumer of session.lifecycle, so it must be text none of them refuses.
 */
public record CreateChatRequest(
        @SafeText(max = 200) String title,
        @SafeText(max = 100) @Pattern(regexp = "[A-Za-z0-9._:/-]+", message = "must be a model name") String model) {
}
