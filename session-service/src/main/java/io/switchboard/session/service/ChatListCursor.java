package io.switchboard.session.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.switchboard.kit.problem.ProblemException;

/**
 * A position in a list of chats, in the order lists are sorted: last activity, newest first, then id. Written
 * as base64url so clients treat it as opaque; a chat whose activity changes while a client pages moves in the
 * list, and may then be listed twice or not at all in that pass.
 */
public record ChatListCursor(Instant lastActivityAt, UUID chatId) {

    private static final Pattern FORM = Pattern.compile("(-?\\d{1,19})\\.([0-9a-f-]{36})");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** The cursor a list request names; absent is the start of the list, anything else not one is a 400. */
    public static ChatListCursor parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(DECODER.decode(text), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        Matcher matcher = FORM.matcher(decoded);
        if (!matcher.matches()) {
            throw invalid();
        }
        try {
            long micros = Long.parseLong(matcher.group(1));
            Instant at = Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
            return new ChatListCursor(at, UUID.fromString(matcher.group(2)));
        } catch (RuntimeException e) {
            throw invalid();
        }
    }

    @Override
    public String toString() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, lastActivityAt);
        return ENCODER.encodeToString((micros + "." + chatId).getBytes(StandardCharsets.UTF_8));
    }

    private static ProblemException invalid() {
        return ProblemException.badRequest("after must be the cursor of a chat from an earlier page");
    }
}
