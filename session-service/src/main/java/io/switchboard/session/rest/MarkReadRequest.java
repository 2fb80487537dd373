package io.switchboard.session.rest;

/**
 * Read up to and including this message seq (a message's {@code seq}; a copied history's are 0 and below);
 * absent means every message there is now. A seq beyond the last message reads only up to that message.
 */
public record MarkReadRequest(Long seq) {
}
