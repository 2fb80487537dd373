package io.switchboard.bench;

import static io.switchboard.bench.CorpusJson.json;
import static io.switchboard.bench.CorpusJson.ordered;
import static io.switchboard.bench.CorpusJson.with;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The bad frames of the poison benchmark for the gateway's WebSocket: {@code send}, {@code edit} and
 * {@code subscribe} with each bad character and over-long in every text field, fields of the wrong JSON
 * type, unknown frame types, frames that are not JSON and nesting deep enough to trouble a recursive
 * parser. All stay under the 512 KiB message limit; the one frame above it is {@link #oversize}, which
 * closes the connection by design and so is sent last.
 */
final class SocketCorpus {

    /** Deep, yet inside the message limit, so that the parser and not the transport meets it. */
    static final int NESTING_DEPTH = 60_000;
    /** Above the gateway's 512 KiB message limit (quarkus.websockets-next.server.max-message-size). */
    static final int OVERSIZE_CHARS = 600_000;

    /**
     * @param request the frame type it pretends to be, for the report
     * @param variant which field or form
     */
    record FrameCase(BadInput kind, String request, String variant, String frame) {
    }

    private SocketCorpus() {
    }

    static List<FrameCase> build(String chatId, String turnId) {
        List<FrameCase> cases = new ArrayList<>();
        Map<String, Object> send = ordered("type", "send", "chatId", chatId, "text", "/words 2 poison frame");
        Map<String, Object> edit = ordered("type", "edit", "chatId", chatId, "turnId", turnId, "text", "edited");
        Map<String, Object> subscribe = ordered("type", "subscribe", "chatId", chatId, "afterSeq", 0);
        textCases(cases, "send", send, List.of("text", "chatId", "clientMessageId", "model"));
        textCases(cases, "edit", edit, List.of("text", "turnId"));
        textCases(cases, "subscribe", subscribe, List.of("chatId"));

        cases.add(wrongType("send", send, "text", 5));
        cases.add(wrongType("send", send, "text", List.of("x")));
        cases.add(wrongType("send", send, "chatId", 5));
        cases.add(wrongType("send", send, "clientMessageId", Map.of("a", 1)));
        cases.add(wrongType("send", send, "delivery", 7));
        cases.add(wrongType("edit", edit, "text", Map.of("a", 1)));
        cases.add(wrongType("edit", edit, "turnId", 5));
        cases.add(wrongType("subscribe", subscribe, "afterSeq", "x"));
        cases.add(wrongType("subscribe", subscribe, "afterSeq", -1));
        cases.add(wrongType("subscribe", subscribe, "after", "x"));
        cases.add(wrongType("subscribe", subscribe, "after", Map.of("chat", "x")));
        cases.add(new FrameCase(BadInput.WRONG_TYPE, "-", "type a number", json(Map.of("type", 5))));
        cases.add(new FrameCase(BadInput.WRONG_TYPE, "-", "no type", json(Map.of("chatId", chatId))));
        cases.add(new FrameCase(BadInput.WRONG_TYPE, "-", "an array", "[]"));

        cases.add(new FrameCase(BadInput.UNKNOWN_TYPE, "-", "explode", json(Map.of("type", "explode"))));
        cases.add(new FrameCase(BadInput.UNKNOWN_TYPE, "-", "Send (case)",
                json(with(send, "type", "Send"))));

        cases.add(new FrameCase(BadInput.NOT_JSON, "-", "plain words", "hello"));
        cases.add(new FrameCase(BadInput.NOT_JSON, "-", "cut off", "{\"type\":\"send\",\"chatId\":"));
        cases.add(new FrameCase(BadInput.NOT_JSON, "-", "empty", ""));
        cases.add(new FrameCase(BadInput.NOT_JSON, "send", "raw NUL in a string",
                json(with(send, "text", BadInput.MARK)).replace(BadInput.MARK, "a\u0000b")));
        cases.add(new FrameCase(BadInput.NOT_JSON, "send", "raw control char in a string",
                json(with(send, "text", BadInput.MARK)).replace(BadInput.MARK, "a\u0007b")));

        cases.add(new FrameCase(BadInput.DEEP_NESTING, "-", "60,000 [ unclosed", "[".repeat(NESTING_DEPTH)));
        cases.add(new FrameCase(BadInput.DEEP_NESTING, "send", "text nested 30,000 deep",
                json(with(send, "text", BadInput.MARK)).replace('"' + BadInput.MARK + '"',
                        "[".repeat(NESTING_DEPTH / 2) + "]".repeat(NESTING_DEPTH / 2))));
        return cases;
    }

    /** A send whose text alone is over the message limit: the gateway closes the connection with 1009. */
    static FrameCase oversize(String chatId) {
        return new FrameCase(BadInput.TOO_LARGE, "send", "600,000-char frame", json(ordered("type", "send",
                "chatId", chatId, "text", "x".repeat(OVERSIZE_CHARS))));
    }

    /** A valid send, which must be accepted. */
    static String validSend(String chatId, String text) {
        return json(ordered("type", "send", "chatId", chatId, "text", text));
    }

    private static void textCases(List<FrameCase> cases, String request, Map<String, Object> valid,
            List<String> fields) {
        for (String field : fields) {
            for (BadInput kind : List.of(BadInput.NUL, BadInput.LONE_SURROGATE, BadInput.CONTROL_CHAR)) {
                cases.add(new FrameCase(kind, request, field,
                        kind.unmark(json(with(valid, field, kind.markedText())))));
            }
            cases.add(new FrameCase(BadInput.OVER_LONG, request, field,
                    json(with(valid, field, "x".repeat(BadInput.OVER_LONG_CHARS)))));
        }
    }

    private static FrameCase wrongType(String request, Map<String, Object> valid, String field, Object value) {
        return new FrameCase(BadInput.WRONG_TYPE, request, field + " " + value, json(with(valid, field,
                value)));
    }
}
