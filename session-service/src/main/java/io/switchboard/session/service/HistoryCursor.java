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

    public static final HistoryCursor START = new HistoryCursor(0, 0);

    private static final Pattern FORM = Pattern.compile("(\\d{1,18})\\.(\\d{1,18})");

    public static HistoryCursor parse(String text) {
        if (text == null || text.isEmpty()) {
            return START;
        }
        Matcher matcher = FORM.matcher(text);
        if (!matcher.matches()) {
            throw ProblemException.badRequest("after must be a cursor from an earlier page's message");
        }
        return new HistoryCursor(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)));
    }

    @Override
    public String toString() {
        return turnSeq + "." + seq;
    }
}
