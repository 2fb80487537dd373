package io.switchboard.gateway.client;

import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.switchboard.gateway.service.MessageDraft;
import io.switchboard.kit.validation.SafeText;

/** What to change in a chat, as session-service takes it; an absent field keeps its value. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UpdateChatRequest(
        @SafeText(max = CreateChatRequest.MAX_TITLE_LENGTH)
        @Pattern(regexp = NOT_BLANK, message = "must not be blank")
        @Schema(description = "The chat's title, in Unicode code points", maxLength = CreateChatRequest.MAX_TITLE_LENGTH)
        String title,
        @SafeText(max = UpdateChatRequest.MAX_DESCRIPTION_LENGTH)
        @Schema(description = "What the chat is for, in Unicode code points", maxLength = MAX_DESCRIPTION_LENGTH)
        String description,
        @SafeText(max = MessageDraft.MAX_MODEL_LENGTH)
        @Pattern(regexp = MessageDraft.MODEL_PATTERN, message = "must be a model name")
        @Schema(description = "The model the chat's next turns use", examples = "offline",
                maxLength = MessageDraft.MAX_MODEL_LENGTH)
        String model,
        @Schema(description = "Whether the chat is pinned in its project's list") Boolean pinned) {

    public static final int MAX_DESCRIPTION_LENGTH = 2000;
    static final String NOT_BLANK = "(?s).*\\S.*";
}
