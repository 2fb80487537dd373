package io.switchboard.gateway;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The bad texts and wrong JSON types the poison tests send through every door, REST and WebSocket alike. */
public final class PoisonTexts {

    /** A code point outside the BMP: two UTF-16 units, four UTF-8 bytes, one character as PostgreSQL counts. */
    public static final String WAVE = "\uD83D\uDC4B";
    public static final String WAVE_ESCAPED = "\\uD83D\\uDC4B";

    /** JSON string literals no text may hold, with what the answer says about each. */
    public static final Map<String, String> BAD_TEXTS;
    /** JSON values of another type than the string a text field takes. */
    public static final List<String> WRONG_TYPES = List.of("42", "4.2", "true", "{\"a\":1}", "[\"a\"]");

    static {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("\"a\\u0000b\"", "contains a NUL character at index 1");
        texts.put("\"a\\uD83Db\"", "contains an unpaired surrogate at index 1");
        texts.put("\"\\uDC4B tail\"", "contains an unpaired surrogate at index 0");
        texts.put("\"ring \\u0007\"", "contains the control character U+0007 at index 5");
        texts.put("\"\\u001b[31mred\"", "contains the control character U+001B at index 0");
        texts.put("\"x\\u007f\"", "contains the control character U+007F at index 1");
        texts.put("\"x\\u009b\"", "contains the control character U+009B at index 1");
        BAD_TEXTS = Collections.unmodifiableMap(texts);
    }

    private PoisonTexts() {
    }
}
