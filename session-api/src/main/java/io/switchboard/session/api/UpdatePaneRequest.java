package io.switchboard.session.api;

import java.util.UUID;

import jakarta.validation.constraints.Pattern;

import io.switchboard.events.text.SafeText;

/** Another chat or model for a pane; an absent field stays as it is (a new chat keeps the pane's model). */
public record UpdatePaneRequest(
        UUID chatId,
        @SafeText(max = 100) @Pattern(regexp = FieldRules.MODEL, message = "must be a model name") String model) {

    public boolean isEmpty() {
        return chatId == null && model == null;
    }
}
