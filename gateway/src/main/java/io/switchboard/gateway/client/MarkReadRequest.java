package io.switchboard.gateway.client;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** How far the caller has read a chat, as session-service takes it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MarkReadRequest(
        @Schema(description = "Read up to and including the message with this seq; every message there is now "
                + "when absent")
        Long seq) {
}
