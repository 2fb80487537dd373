package io.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.events.json.EventJson;

class SocketCorpusTest {

    private static final String CHAT = UUID.randomUUID().toString();
    private static final List<SocketCorpus.FrameCase> CORPUS = SocketCorpus.build(CHAT, UUID.randomUUID().toString());
    private static final int MAX_MESSAGE = 65_536;

    @Test
    void sendEditAndSubscribeEachGetEveryBadCharacterAndOverLong() {
        for (String request : List.of("send", "edit", "subscribe")) {
            Set<BadInput> kinds = CORPUS.stream().filter(c -> c.request().equals(request))
                    .map(SocketCorpus.FrameCase::kind).collect(Collectors.toSet());
            assertThat(kinds).as(request).contains(BadInput.NUL, BadInput.LONE_SURROGATE, BadInput.CONTROL_CHAR,
                    BadInput.OVER_LONG, BadInput.WRONG_TYPE);
        }
        assertThat(CORPUS).extracting(SocketCorpus.FrameCase::kind).contains(BadInput.UNKNOWN_TYPE, BadInput.NOT_JSON,
                BadInput.DEEP_NESTING);
    }

    @Test
    void everyFrameStaysUnderTheMessageLimitButTheOversizeOne() {
        assertThat(CORPUS).allSatisfy(c -> assertThat(c.frame().length()).as(c.variant()).isLessThan(MAX_MESSAGE));
        assertThat(SocketCorpus.oversize(CHAT).frame().length()).isGreaterThan(MAX_MESSAGE);
    }

    @Test
    void badCharactersReachTheParsedField() throws JsonProcessingException {
        SocketCorpus.FrameCase nulText = CORPUS.stream()
                .filter(c -> c.request().equals("send") && c.kind() == BadInput.NUL && c.variant().equals("text"))
                .findFirst().orElseThrow();
        JsonNode frame = EventJson.mapper().readTree(nulText.frame());
        assertThat(frame.path("type").asText()).isEqualTo("send");
        assertThat(frame.path("chatId").asText()).isEqualTo(CHAT);
        assertThat(frame.path("text").asText()).contains("\u0000");

        SocketCorpus.FrameCase loneChatId = CORPUS.stream()
                .filter(c -> c.request().equals("subscribe") && c.kind() == BadInput.LONE_SURROGATE)
                .findFirst().orElseThrow();
        assertThat(EventJson.mapper().readTree(loneChatId.frame()).path("chatId").asText()).contains("\uD83D");
    }

    @Test
    void theValidSendIsValid() throws JsonProcessingException {
        JsonNode send = EventJson.mapper().readTree(SocketCorpus.validSend(CHAT, "hello"));
        assertThat(send.path("type").asText()).isEqualTo("send");
        assertThat(send.path("text").asText()).isEqualTo("hello");
    }
}
