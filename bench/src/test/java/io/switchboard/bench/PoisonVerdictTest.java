package io.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class PoisonVerdictTest {

    @Test
    void statusClassesAreJudged() {
        assertThat(Outcomes.ofStatus(400)).isEqualTo(Outcomes.Verdict.REFUSED);
        assertThat(Outcomes.ofStatus(413)).isEqualTo(Outcomes.Verdict.REFUSED);
        assertThat(Outcomes.ofStatus(202)).isEqualTo(Outcomes.Verdict.ACCEPTED);
        assertThat(Outcomes.ofStatus(500)).isEqualTo(Outcomes.Verdict.SERVER_ERROR);
        assertThat(Outcomes.ofStatus(503)).isEqualTo(Outcomes.Verdict.SERVER_ERROR);
        assertThat(Outcomes.ofStatus(-1)).isEqualTo(Outcomes.Verdict.OTHER);
        assertThat(Outcomes.ofStatus(302)).isEqualTo(Outcomes.Verdict.OTHER);
    }

    @Test
    void outcomesCountByKindAndVerdictAndKeepOnlyFailuresAsSamples() {
        Outcomes outcomes = new Outcomes();
        outcomes.add(BadInput.NUL, "400", Outcomes.Verdict.REFUSED, "fine");
        outcomes.add(BadInput.NUL, "400", Outcomes.Verdict.REFUSED, "fine");
        outcomes.add(BadInput.NUL, "202", Outcomes.Verdict.ACCEPTED, "accepted NUL");
        outcomes.add(BadInput.DEEP_NESTING, "500", Outcomes.Verdict.SERVER_ERROR, "nesting broke it");

        assertThat(outcomes.total()).isEqualTo(4);
        assertThat(outcomes.count(BadInput.NUL)).isEqualTo(3);
        assertThat(outcomes.answers(BadInput.NUL)).isEqualTo("202 x1, 400 x2");
        assertThat(outcomes.count(Outcomes.Verdict.ACCEPTED)).isEqualTo(1);
        assertThat(outcomes.count(Outcomes.Verdict.SERVER_ERROR)).isEqualTo(1);
        assertThat(outcomes.samples()).containsExactly("accepted NUL", "nesting broke it");
        assertThat(outcomes.byKind().keySet()).containsExactly(BadInput.NUL, BadInput.DEEP_NESTING);
    }

    @Test
    void aConsumerIsHaltedOnceHoweverManyOfItsChecksFailedAndNeverForAnUnverifiedOne() {
        List<LivenessCheck> checks = List.of(
                LivenessCheck.of("chat-service <- chat.commands", "one chat", false, "not within 30 s"),
                LivenessCheck.of("chat-service <- chat.commands", "every partition", false, "partitions [3]"),
                LivenessCheck.of("gateway <- chat.events", "one chat", true, "1.2 s"),
                LivenessCheck.of("session-service <- chat.events", "history", false, "not within 30 s"),
                new LivenessCheck("gateway <- workspace.events", "one chat", LivenessCheck.Status.UNVERIFIED,
                        "its input never reached Kafka"));

        assertThat(PoisonReport.halted(checks)).containsExactly("chat-service <- chat.commands",
                "session-service <- chat.events");
    }

    @Test
    void aRawAnswerIsReadFromItsStatusLine() {
        RawHttp.Answer answer = RawHttp.parse(("HTTP/1.1 413 Request Entity Too Large\r\ncontent-length: 2\r\n\r\n"
                + "{}").getBytes(StandardCharsets.ISO_8859_1), true);
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.bodyStart()).isEqualTo("{}");
        assertThat(answer.writeCut()).isTrue();

        assertThat(RawHttp.parse(new byte[0], false).status()).isEqualTo(-1);
    }
}
