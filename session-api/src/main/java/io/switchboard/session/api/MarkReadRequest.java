package io.switchboard.session.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Read up to and including this message seq (a message's {@code seq}; a copied history's are 0 and below);
 * absent means every message there is now. A seq beyond the last message reads only up to that message.
 */
public record MarkReadRequest(
        @Schema(description = "Read up to and including the message with this seq; every message there is now "
                + "when absent") Long seq) {
}
