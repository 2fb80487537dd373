package io.switchboard.gateway.rest;

import io.switchboard.gateway.service.MessageDraft;
import io.switchboard.kit.problem.ProblemException;

/** The {@code Idempotency-Key} header stands in for a message's {@code clientMessageId}. */
final class IdempotencyKeys {

    static final String HEADER = "Idempotency-Key";

    private IdempotencyKeys() {
    }

    /** The draft with the header's key; a header that disagrees with the body is refused. */
    static MessageDraft apply(String header, MessageDraft draft) {
        if (header == null) {
            return draft;
        }
        if (!header.matches(MessageDraft.CLIENT_MESSAGE_ID_PATTERN) || header.length() > 100) {
            throw ProblemException.badRequest("Idempotency-Key must be 1-100 letters, digits, '.', '_', ':' or '-'");
        }
        if (draft.clientMessageId() != null && !draft.clientMessageId().equals(header)) {
            throw ProblemException.badRequest("Idempotency-Key and clientMessageId differ");
        }
        return draft.withClientMessageId(header);
    }
}
