package io.switchboard.gateway.client;

import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.switchboard.gateway.service.MessageDraft;
import io.switchboard.kit.validation.SafeText;

/**
 * A new chat in a project, as session-service takes it; both fields are optional. Checked by the gateway
 * first, like every text a client sends.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateChatRequest(
        @SafeText(max = CreateChatRequest.MAX_TITLE_LENGTH)
        @Schema(description = "The chat's title, in Unicode code points",
                maxLength = CreateChatRequest.MAX_TITLE_LENGTH)
        String title,
        @SafeText(max = MessageDraft.MAX_MODEL_LENGTH)
        @Pattern(regexp = MessageDraft.MODEL_PATTERN, message = "must be a model name")
        @Schema(description = "The chat's model; offline when absent", examples = "offline",
                maxLength = MessageDraft.MAX_MODEL_LENGTH)
        String model) {

    public static final int MAX_TITLE_LENGTH = 200;
}
