package io.switchboard.bench;

/**
 * The kinds of bad client input the poison benchmark sends over REST and the WebSocket. The first three are
 * characters a clean text never holds ({@code io.switchboard.events.text.TextRules}); they travel as JSON
 * escapes, since that is how a client smuggles them past any transport that checks its bytes.
 */
enum BadInput {
    NUL("NUL (\\u0000)", "\\u0000"),
    LONE_SURROGATE("lone surrogate (\\uD83D)", "\\uD83D"),
    CONTROL_CHAR("control char (\\u0007)", "\\u0007"),
    OVER_LONG("over-long text (32,001 chars)", null),
    TOO_LARGE("too large (5 MB body, 600 KB frame)", null),
    DEEP_NESTING("deep JSON nesting", null),
    WRONG_TYPE("wrong JSON types", null),
    NOT_JSON("not JSON", null),
    UNKNOWN_TYPE("unknown frame type", null);

    /** One more character than any text field takes (32,000 for messages, less for names and ids). */
    static final int OVER_LONG_CHARS = 32_001;

    /**
     * Stands for the bad character while a body is built with Jackson, which would refuse to write a lone
     * surrogate and would escape a backslash; replaced by the escape in the finished JSON text.
     */
    static final String MARK = "@@poison@@";

    private final String label;
    private final String jsonEscape;

    BadInput(String label, String jsonEscape) {
        this.label = label;
        this.jsonEscape = jsonEscape;
    }

    String label() {
        return label;
    }

    boolean isBadCharacter() {
        return jsonEscape != null;
    }

    /** A text holding {@link #MARK} where the bad character goes; only for the bad-character kinds. */
    String markedText() {
        requireBadCharacter();
        return "poison " + MARK + " text";
    }

    /** The JSON text with every {@link #MARK} replaced by this kind's escape. */
    String unmark(String json) {
        requireBadCharacter();
        return json.replace(MARK, jsonEscape);
    }

    private void requireBadCharacter() {
        if (jsonEscape == null) {
            throw new IllegalStateException(this + " is not a bad character");
        }
    }
}
