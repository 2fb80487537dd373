package io.switchboard.events.text;

import java.util.Optional;

/**
 * What every text entering the system must be: no NUL, no unpaired surrogate, no control character but
 * tab, CR and LF. PostgreSQL refuses NUL in text, JSON encoders and browsers mangle lone surrogates, and
 * control characters end up in logs and terminals; one such character must never reach a store or a
 * consumer. Lengths are counted in Unicode code points, as PostgreSQL's {@code char_length} counts them.
 */
public final class TextRules {

    private TextRules() {
    }

    /** What is wrong with the text, in words fit for a client; empty when it is clean. */
    public static Optional<String> problem(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return Optional.of("contains an unpaired surrogate at index " + i);
            }
            if (Character.isLowSurrogate(c)) {
                return Optional.of("contains an unpaired surrogate at index " + i);
            }
            if (c == 0) {
                return Optional.of("contains a NUL character at index " + i);
            }
            if (isForbiddenControl(c)) {
                return Optional.of(String.format("contains the control character U+%04X at index %d", (int) c, i));
            }
        }
        return Optional.empty();
    }

    public static boolean isClean(String text) {
        return problem(text).isEmpty();
    }

    /**
     * The text with every forbidden character taken out and every unpaired surrogate replaced by U+FFFD:
     * for text the system produces itself from foreign sources (model output, file contents), which must
     * flow on rather than be refused.
     */
    public static String sanitize(String text) {
        if (text == null || isClean(text)) {
            return text;
        }
        StringBuilder clean = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                clean.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                clean.append('\uFFFD');
            } else if (c != 0 && !isForbiddenControl(c)) {
                clean.append(c);
            }
        }
        return clean.toString();
    }

    /** The length as PostgreSQL and the Unicode standard count it: code points, not UTF-16 units. */
    public static int codePoints(String text) {
        return text == null ? 0 : text.codePointCount(0, text.length());
    }

    private static boolean isForbiddenControl(char c) {
        return Character.getType(c) == Character.CONTROL && c != '\t' && c != '\n' && c != '\r';
    }
}
