package io.switchboard.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.events.chat.TextDelta;
import io.switchboard.events.chat.TokenUsage;
import io.switchboard.events.chat.ToolCallStarted;
import io.switchboard.events.chat.TurnCompleted;
import io.switchboard.events.json.EventJson;
import io.switchboard.events.json.PayloadSanitizer;

class PayloadSanitizerTest {

    @Test
    void aCleanPayloadIsReturnedAsItIs() {
        TurnCompleted clean = new TurnCompleted("fine 👋", new TokenUsage(1, 2), null);
        assertThat(PayloadSanitizer.sanitize(clean)).isSameAs(clean);
    }

    @Test
    void everyTextOfADirtyPayloadIsCleanedAndTheRestKept() {
        TurnCompleted dirty = new TurnCompleted("a\u0000b\uD83D", new TokenUsage(1, 2), new TokenUsage(3, 4));
        TurnCompleted clean = PayloadSanitizer.sanitize(dirty);
        assertThat(clean.text()).isEqualTo("ab\uFFFD");
        assertThat(clean.usage()).isEqualTo(dirty.usage());
        assertThat(clean.chatUsage()).isEqualTo(dirty.chatUsage());
        assertThat(PayloadSanitizer.sanitize(new TextDelta("\u001b[1mbold"))).isEqualTo(new TextDelta("[1mbold"));
    }

    @Test
    void toolArgumentsAreCleanedToTheirLeaves() {
        ObjectNode arguments = EventJson.mapper().createObjectNode();
        arguments.put("path", "a\u0000.md").putArray("lines").add("ok").add("bell\u0007");
        ToolCallStarted clean = PayloadSanitizer.sanitize(new ToolCallStarted("c\u0000", "write_file", arguments));
        assertThat(clean.toolCallId()).isEqualTo("c");
        assertThat(clean.arguments().path("path").asText()).isEqualTo("a.md");
        assertThat(clean.arguments().path("lines").get(1).asText()).isEqualTo("bell");
        assertThat(arguments.path("path").asText()).isEqualTo("a\u0000.md");
    }

    @Test
    void aSanitizedEnvelopeIsOneItsReadersAccept() {
        Envelope written = Envelope.of(UUID.randomUUID().toString(), "t1", 1, null,
                new TextDelta("model said \u0000 and \u001b[0m"));
        Envelope clean = PayloadSanitizer.sanitize(written);
        Envelope read = EventJson.fromJson(EventJson.toJson(clean));
        assertThat(((TextDelta) read.payload()).text()).isEqualTo("model said  and [0m");
        assertThat(read.id()).isEqualTo(written.id());
        assertThat(read.seq()).isEqualTo(written.seq());
        Envelope alreadyClean = Envelope.of(UUID.randomUUID().toString(), "t1", 1, null, new TextDelta("fine"));
        assertThat(PayloadSanitizer.sanitize(alreadyClean)).isSameAs(alreadyClean);
    }
}
