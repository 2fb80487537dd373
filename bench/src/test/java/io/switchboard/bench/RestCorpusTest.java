package io.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.events.json.EventJson;

class RestCorpusTest {

    private static final String PROJECT = UUID.randomUUID().toString();
    private static final String CHAT = UUID.randomUUID().toString();
    private static final String TURN = UUID.randomUUID().toString();
    private static final List<RestCorpus.Route> ROUTES = RestCorpus.routes(PROJECT, CHAT, TURN);
    private static final List<RestCorpus.RestCase> CORPUS = RestCorpus.build(ROUTES);

    @Test
    void everyRouteGetsEveryRestKind() {
        Set<BadInput> restKinds = EnumSet.complementOf(EnumSet.of(BadInput.UNKNOWN_TYPE));
        for (RestCorpus.Route route : ROUTES) {
            Set<BadInput> kinds = CORPUS.stream().filter(c -> c.route().equals(route.name()))
                    .map(RestCorpus.RestCase::kind).collect(Collectors.toSet());
            assertThat(kinds).as(route.name()).isEqualTo(restKinds);
        }
    }

    @Test
    void everyTextFieldGetsEveryBadCharacterAsAJsonEscape() throws IOException {
        RestCorpus.Route messages = route("POST /api/chats/{id}/messages");
        for (String field : messages.textFields()) {
            RestCorpus.RestCase nul = find(messages, BadInput.NUL, field);
            JsonNode body = EventJson.mapper().readTree(nul.body());
            assertThat(body.path(field).asText()).contains("\u0000");
            assertThat(new String(nul.body(), StandardCharsets.UTF_8)).contains("\\u0000").doesNotContain("\u0000");

            RestCorpus.RestCase lone = find(messages, BadInput.LONE_SURROGATE, field);
            assertThat(new String(lone.body(), StandardCharsets.UTF_8)).contains("poison \\uD83D text");
            assertThat(EventJson.mapper().readTree(lone.body()).path(field).asText()).contains("\uD83D");

            RestCorpus.RestCase control = find(messages, BadInput.CONTROL_CHAR, field);
            assertThat(EventJson.mapper().readTree(control.body()).path(field).asText()).contains("\u0007");

            RestCorpus.RestCase overLong = find(messages, BadInput.OVER_LONG, field);
            assertThat(EventJson.mapper().readTree(overLong.body()).path(field).asText()).hasSize(32_001);
        }
    }

    @Test
    void wholeBodyKindsAreWhatTheyClaim() {
        RestCorpus.Route projects = route("POST /api/projects");
        RestCorpus.RestCase huge = find(projects, BadInput.TOO_LARGE, "name of 5 MB");
        assertThat(huge.body().length).isGreaterThan(5 * 1024 * 1024);

        List<RestCorpus.RestCase> nested = cases(projects, BadInput.DEEP_NESTING);
        assertThat(nested).hasSize(2).allSatisfy(c -> assertThat(c.body().length).isGreaterThanOrEqualTo(100_000));
        assertThat(new String(nested.get(0).body(), StandardCharsets.US_ASCII)).isEqualTo("[".repeat(100_000));
        assertThat(new String(nested.get(1).body(), StandardCharsets.US_ASCII))
                .startsWith("{\"name\":" + "[".repeat(100)).endsWith("]".repeat(100) + "}");

        for (RestCorpus.RestCase notJson : cases(projects, BadInput.NOT_JSON)) {
            assertThatThrownBy(() -> {
                JsonNode parsed = EventJson.mapper().readTree(notJson.body());
                if (parsed == null || parsed.isMissingNode()) {
                    throw new IllegalStateException("empty");
                }
            }).as(notJson.variant()).isInstanceOf(Exception.class);
        }
        assertThat(cases(route("POST /api/broadcast"), BadInput.WRONG_TYPE))
                .extracting(RestCorpus.RestCase::variant).contains("chatIds a string", "body null", "text a number");
    }

    @Test
    void idempotencyKeyHeadersCarryRawBytesOnlyWhereTheRouteReadsTheHeader() {
        List<RestCorpus.RestCase> headers = CORPUS.stream().filter(c -> !c.headers().isEmpty()).toList();
        assertThat(headers).extracting(RestCorpus.RestCase::route).containsOnly("POST /api/chats/{id}/messages",
                "POST /api/broadcast");
        RestCorpus.RestCase nul = headers.stream().filter(c -> c.kind() == BadInput.NUL).findFirst().orElseThrow();
        assertThat(nul.headers().get(0).name()).isEqualTo("Idempotency-Key");
        assertThat(nul.headers().get(0).value()).containsExactly('k', 0, 'k');
        RestCorpus.RestCase lone = headers.stream().filter(c -> c.kind() == BadInput.LONE_SURROGATE).findFirst()
                .orElseThrow();
        assertThat(lone.headers().get(0).value()).containsExactly('k', (byte) 0xED, (byte) 0xA0, (byte) 0xBD);
    }

    @Test
    void controlsAreValidBodiesForTheRightAddresses() throws IOException {
        List<RestCorpus.RestCase> controls = RestCorpus.controls(ROUTES);
        assertThat(controls).hasSize(5).allMatch(RestCorpus.RestCase::control);
        assertThat(controls).extracting(RestCorpus.RestCase::path).containsExactly("/api/projects",
                "/api/projects/" + PROJECT + "/chats", "/api/chats/" + CHAT + "/messages",
                "/api/chats/" + CHAT + "/turns/" + TURN, "/api/broadcast");
        JsonNode broadcast = EventJson.mapper().readTree(controls.get(4).body());
        assertThat(broadcast.path("chatIds").get(0).asText()).isEqualTo(CHAT);
        assertThat(CORPUS).noneMatch(RestCorpus.RestCase::control);
    }

    private static RestCorpus.Route route(String name) {
        return ROUTES.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    private static List<RestCorpus.RestCase> cases(RestCorpus.Route route, BadInput kind) {
        return CORPUS.stream().filter(c -> c.route().equals(route.name()) && c.kind() == kind).toList();
    }

    private static RestCorpus.RestCase find(RestCorpus.Route route, BadInput kind, String variant) {
        return cases(route, kind).stream().filter(c -> c.variant().equals(variant)).findFirst().orElseThrow();
    }
}
