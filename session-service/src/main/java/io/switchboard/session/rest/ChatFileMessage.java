package io.switchboard.session.rest;

import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.switchboard.events.text.SafeText;

/**
 * One finished message in a chat file, in conversation order. {@code turn} numbers the conversation's turns
 * from 1: a turn's question and its answer share it. Contents have no length limit of their own (an answer
 * may be long); the file's size bounds them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatFileMessage(
        @NotNull @Min(1) Long turn,
        @NotNull @Pattern(regexp = "user|assistant", message = "must be user or assistant") String role,
        @NotNull @Pattern(regexp = "complete|failed|cancelled", message = "must be complete, failed or cancelled")
        String status,
        @NotNull @SafeText String content,
        @SafeText(max = 100) String model,
        @SafeText String error,
        @PositiveOrZero Long inputTokens,
        @PositiveOrZero Long outputTokens,
        @Size(max = 100) List<@Valid @NotNull ChatFileToolCall> toolCalls,
        @NotNull Instant createdAt) {
}
