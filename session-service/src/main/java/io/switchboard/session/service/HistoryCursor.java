package io.switchboard.session.service;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.switchboard.kit.problem.ProblemException;

/**
 * A position in a chat's history, in the order the history is listed: by the seq at which each message's turn
 * started ({@code turnSeq}), then by the message's own seq. Paging by anything else skips messages: a question
 * queued while an answer streamed has a lower seq than that answer but is listed after it.
 * Written {@code <turnSeq>.<seq>}; clients treat it as opaque.
 */
public record HistoryCursor(long turnSeq, long seq) {

    /** Before every message: a duplicated or forked chat's copied history has seqs down from 0. */
    public static final HistoryCursor START = new HistoryCursor(Long.MIN_VALUE, Long.MIN_VALUE);

    /** After every message: {@code before=end} asks for the newest page, where a client opening a chat starts. */
    public static final HistoryCursor END = new HistoryCursor(Long.MAX_VALUE, Long.MAX_VALUE);
    static final String END_WORD = "end";

    private static final Pattern FORM = Pattern.compile("(-?\\d{1,18})\\.(-?\\d{1,18})");

    /**
     * The cursor in the named query parameter; absent is {@code absent}, {@code before=end} is {@link #END}, anything
     * else not a cursor a 400 problem.
     */
    public static HistoryCursor parse(String text, String parameter, HistoryCursor absent) {
        if (text == null || text.isEmpty()) {
            return absent;
        }
        if (END_WORD.equals(text) && "before".equals(parameter)) {
            return END;
        }
        Matcher matcher = FORM.matcher(text);
        if (!matcher.matches()) {
            throw ProblemException.badRequest(parameter + " must be a cursor from an earlier page's message");
        }
        return new HistoryCursor(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)));
    }

    @Override
    public String toString() {
        return turnSeq + "." + seq;
    }
}
