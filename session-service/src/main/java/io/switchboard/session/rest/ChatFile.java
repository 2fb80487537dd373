package io.switchboard.session.rest;

import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A chat as a file, exported and imported: {@code format} and {@code version} say how to read the rest
 * (docs/api.md, "Chat files"). It carries no ids: an import gets new ones.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatFile(String format, Integer version, Instant exportedAt,
        @NotNull @Valid ChatFileChat chat,
        @NotNull List<@NotNull @Valid ChatFileMessage> messages) {

    public static final String FORMAT = "switchboard-chat";
    public static final int VERSION = 1;
}
