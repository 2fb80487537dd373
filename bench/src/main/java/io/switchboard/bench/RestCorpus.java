package io.switchboard.bench;

import static io.switchboard.bench.CorpusJson.json;
import static io.switchboard.bench.CorpusJson.ordered;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bad requests of the poison benchmark: for every gateway route that takes a body, each text field
 * with each bad character and over-long, then bodies that are too large, nested too deep, of the wrong
 * JSON types or not JSON at all, and bad {@code Idempotency-Key} headers where the route reads one. Each
 * route also gets one valid control request, which must be accepted: it proves the route and its ids are
 * right, so that a 4xx for the bad ones means refusal and not a wrong address.
 */
final class RestCorpus {

    static final int HUGE_BODY_BYTES = 5 * 1024 * 1024;
    static final int NESTING_DEPTH = 100_000;
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /**
     * @param name           how the route is reported, e.g. {@code POST /api/projects}
     * @param validBody      field to value (strings, numbers, lists), in the order they are written
     * @param textFields     the fields that take text, each tried with every bad character
     * @param idempotencyKey whether the route reads the {@code Idempotency-Key} header
     * @param bodyOptional   whether the route takes no body at all (creating a chat with the defaults): an
     *                       empty or {@code null} body is then valid, not bad input
     */
    record Route(String name, String method, String path, Map<String, Object> validBody, List<String> textFields,
            boolean idempotencyKey, boolean bodyOptional) {

        Route {
            validBody = Collections.unmodifiableMap(new LinkedHashMap<>(validBody));
            textFields = List.copyOf(textFields);
        }

        /** The field the whole-body variants put their value into. */
        String mainField() {
            return textFields.get(0);
        }
    }

    /** A header value as raw bytes: a client can put any byte there, not only what a String encodes to. */
    record Header(String name, byte[] value) {
    }

    /**
     * One request.
     *
     * @param kind    what is wrong with it; null for a route's valid control request
     * @param variant which field or form, for the report
     */
    record RestCase(String route, BadInput kind, String variant, String method, String path, List<Header> headers,
            byte[] body) {

        RestCase {
            headers = List.copyOf(headers);
        }

        boolean control() {
            return kind == null;
        }
    }

    private RestCorpus() {
    }

    /** Every route with a body, addressing the caller's own project, chat and a turn of that chat. */
    static List<Route> routes(String projectId, String chatId, String turnId) {
        return List.of(
                new Route("POST /api/projects", "POST", "/api/projects",
                        Map.of("name", "poison control project"), List.of("name"), false, false),
                new Route("POST /api/projects/{id}/chats", "POST", "/api/projects/" + projectId + "/chats",
                        ordered("title", "poison control chat", "model", "offline"), List.of("title", "model"), false,
                        true),
                new Route("POST /api/chats/{id}/messages", "POST", "/api/chats/" + chatId + "/messages",
                        ordered("text", "/words 2 control message", "model", "offline"),
                        List.of("text", "clientMessageId", "model"), true, false),
                new Route("PATCH /api/chats/{id}/turns/{turnId}", "PATCH", "/api/chats/" + chatId + "/turns/" + turnId,
                        Map.of("text", "control edit"), List.of("text"), false, false),
                new Route("POST /api/broadcast", "POST", "/api/broadcast",
                        ordered("text", "/words 2 control broadcast", "chatIds", List.of(chatId)),
                        List.of("text", "clientMessageId"), true, false));
    }

    /** One valid request per route. */
    static List<RestCase> controls(List<Route> routes) {
        return routes.stream().map(route -> new RestCase(route.name(), null, "valid", route.method(), route.path(),
                List.of(), bytes(json(route.validBody())))).toList();
    }

    static List<RestCase> build(List<Route> routes) {
        List<RestCase> cases = new ArrayList<>();
        for (Route route : routes) {
            for (String field : route.textFields()) {
                for (BadInput kind : List.of(BadInput.NUL, BadInput.LONE_SURROGATE, BadInput.CONTROL_CHAR)) {
                    cases.add(bodyCase(route, kind, field, kind.unmark(json(with(route, field, kind.markedText())))));
                }
                cases.add(bodyCase(route, BadInput.OVER_LONG, field,
                        json(with(route, field, "x".repeat(BadInput.OVER_LONG_CHARS)))));
            }
            String main = route.mainField();
            cases.add(bodyCase(route, BadInput.TOO_LARGE, main + " of 5 MB",
                    json(with(route, main, "x".repeat(HUGE_BODY_BYTES)))));
            cases.add(bodyCase(route, BadInput.DEEP_NESTING, "100,000 [ unclosed", "[".repeat(NESTING_DEPTH)));
            cases.add(bodyCase(route, BadInput.DEEP_NESTING, main + " nested 100,000 deep", json(with(route, main,
                    BadInput.MARK)).replace('"' + BadInput.MARK + '"', "[".repeat(NESTING_DEPTH)
                    + "]".repeat(NESTING_DEPTH))));
            cases.add(bodyCase(route, BadInput.WRONG_TYPE, main + " a number", json(with(route, main, 5))));
            cases.add(bodyCase(route, BadInput.WRONG_TYPE, main + " an array", json(with(route, main, List.of("x")))));
            cases.add(bodyCase(route, BadInput.WRONG_TYPE, main + " an object",
                    json(with(route, main, Map.of("a", 1)))));
            cases.add(bodyCase(route, BadInput.WRONG_TYPE, "body an array", "[]"));
            cases.add(bodyCase(route, BadInput.WRONG_TYPE, "body a string", "\"text\""));
            if (!route.bodyOptional()) {
                cases.add(bodyCase(route, BadInput.WRONG_TYPE, "body null", "null"));
            }
            if (route.validBody().containsKey("chatIds")) {
                cases.add(bodyCase(route, BadInput.WRONG_TYPE, "chatIds a string", json(with(route, "chatIds", "x"))));
                cases.add(bodyCase(route, BadInput.WRONG_TYPE, "chatIds numbers", json(with(route, "chatIds",
                        List.of(5)))));
            }
            cases.add(bodyCase(route, BadInput.NOT_JSON, "plain words", "hello"));
            cases.add(bodyCase(route, BadInput.NOT_JSON, "cut off", "{\"" + main + "\": "));
            if (!route.bodyOptional()) {
                cases.add(bodyCase(route, BadInput.NOT_JSON, "empty", ""));
            }
            cases.add(bodyCase(route, BadInput.NOT_JSON, "single quotes", "{'" + main + "': 'x'}"));
            if (route.idempotencyKey()) {
                cases.addAll(headerCases(route));
            }
        }
        return cases;
    }

    /** The route's valid body with bad Idempotency-Key headers, as the raw bytes a client can send. */
    private static List<RestCase> headerCases(Route route) {
        byte[] body = bytes(json(route.validBody()));
        return List.of(
                headerCase(route, BadInput.NUL, new byte[] {'k', 0, 'k'}, body),
                headerCase(route, BadInput.LONE_SURROGATE, new byte[] {'k', (byte) 0xED, (byte) 0xA0, (byte) 0xBD},
                        body),
                headerCase(route, BadInput.CONTROL_CHAR, new byte[] {'k', 7, 'k'}, body),
                headerCase(route, BadInput.OVER_LONG, bytes("k".repeat(BadInput.OVER_LONG_CHARS)), body));
    }

    private static RestCase headerCase(Route route, BadInput kind, byte[] value, byte[] body) {
        return new RestCase(route.name(), kind, IDEMPOTENCY_KEY + " header", route.method(), route.path(),
                List.of(new Header(IDEMPOTENCY_KEY, value)), body);
    }

    private static RestCase bodyCase(Route route, BadInput kind, String variant, String body) {
        return new RestCase(route.name(), kind, variant, route.method(), route.path(), List.of(), bytes(body));
    }

    private static Map<String, Object> with(Route route, String field, Object value) {
        return CorpusJson.with(route.validBody(), field, value);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
