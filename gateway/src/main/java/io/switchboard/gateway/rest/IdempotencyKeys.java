package io.switchboard.gateway.rest;

import io.switchboard.events.text.TextRules;
import io.switchboard.gateway.service.MessageDraft;
import io.switchboard.kit.problem.ProblemException;

/** The {@code Idempotency-Key} header stands in for a message's {@code clientMessageId}, under the same rules. */
final class IdempotencyKeys {

    static final String HEADER = "Idempotency-Key";

    private IdempotencyKeys() {
    }

    /** The draft with the header's key; a header that disagrees with the body is refused. */
    static MessageDraft apply(String header, MessageDraft draft) {
        if (header == null) {
            return draft;
        }
        check(header);
        if (draft.clientMessageId() != null && !draft.clientMessageId().equals(header)) {
            throw ProblemException.badRequest("Idempotency-Key and clientMessageId differ");
        }
        return draft.withClientMessageId(header);
    }

    /** The header when it is a valid key, null when absent; an invalid one is a 400 naming the header. */
    static String checked(String header) {
        if (header != null) {
            check(header);
        }
        return header;
    }

    private static void check(String header) {
        TextRules.problem(header).ifPresent(problem -> {
            throw new InvalidField(HEADER, problem);
        });
        if (header.isEmpty() || TextRules.codePoints(header) > MessageDraft.MAX_CLIENT_MESSAGE_ID_LENGTH) {
            throw new InvalidField(HEADER, "must be 1 to " + MessageDraft.MAX_CLIENT_MESSAGE_ID_LENGTH + " characters");
        }
        if (!header.matches(MessageDraft.CLIENT_MESSAGE_ID_PATTERN)) {
            throw new InvalidField(HEADER, MessageDraft.CLIENT_MESSAGE_ID_RULE);
        }
    }
}
