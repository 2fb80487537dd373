package io.switchboard.gateway.client;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.switchboard.kit.validation.SafeText;

/** Where to fork a chat, as session-service takes it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ForkChatRequest(
        @NotNull
        @Schema(description = "A message of the chat: the fork holds the history up to and including its turn",
                required = true)
        UUID messageId,
        @SafeText(max = CreateChatRequest.MAX_TITLE_LENGTH)
        @Pattern(regexp = UpdateChatRequest.NOT_BLANK, message = "must not be blank")
        @Schema(description = "The fork's title; \"<source title> (fork)\" when absent",
                maxLength = CreateChatRequest.MAX_TITLE_LENGTH)
        String title) {
}
