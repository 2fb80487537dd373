package io.switchboard.chat.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.chat.support.ChatDriver;
import io.switchboard.events.chat.TextDelta;
import io.switchboard.events.chat.TurnCompleted;
import io.switchboard.events.chat.TurnFailed;
import io.switchboard.infra.Databases;
import io.switchboard.testing.SwitchboardInfrastructureResource;

/** No message can make a turn endless: the offline directives are capped, and every turn has a deadline. */
@QuarkusTest
@TestProfile(TurnBoundsTest.TightBounds.class)
@WithTestResource(value = SwitchboardInfrastructureResource.class,
        initArgs = @ResourceArg(name = SwitchboardInfrastructureResource.DATABASE, value = Databases.CHATS))
class TurnBoundsTest {

    private static final String TENANT = "tenant-bounds";
    private static final int MAX_WORDS = 30;
    private static final int MAX_ANSWER_CHARS = 120;

    /** Small bounds, so that the test sees them within seconds. */
    public static class TightBounds implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "switchboard.chat.turns.max-duration", "3s",
                    "switchboard.chat.offline.max-reply-words", Integer.toString(MAX_WORDS),
                    "switchboard.chat.offline.max-words-per-second", "200",
                    "switchboard.chat.offline.max-stall", "1s",
                    "switchboard.chat.turns.max-answer-chars", Integer.toString(MAX_ANSWER_CHARS));
        }
    }

    private ChatDriver driver;

    @BeforeEach
    void connect() {
        driver = new ChatDriver();
    }

    @AfterEach
    void disconnect() {
        driver.close();
    }

    @Test
    void aTurnThatNeverAnswersEndsWithTurnTimeoutAndTheQueueMovesOn() {
        String chat = UUID.randomUUID().toString();
        driver.send(chat, TENANT, "forever", "/stall\nnever answer");
        driver.send(chat, TENANT, "next", "then this");

        TurnFailed failed = (TurnFailed) driver.await(chat, TurnFailed.class, driver.turnOf(chat, "forever")).payload();
        assertThat(failed.reason()).isEqualTo(TurnRunner.TURN_TIMEOUT);
        driver.await(chat, TurnCompleted.class, driver.turnOf(chat, "next"));
        ChatDriver.assertGapless(driver.events(chat));
    }

    @Test
    void directivesAreCutToTheirConfiguredMaxima() {
        String chat = UUID.randomUUID().toString();
        driver.send(chat, TENANT, "huge", "/words 2000000000\n/rate 2000000000\n/stall 86400\nsay a lot");

        TurnCompleted completed = (TurnCompleted) driver.await(chat, TurnCompleted.class,
                driver.turnOf(chat, "huge")).payload();
        // The preamble quotes the message, then come at most MAX_WORDS words.
        String afterPreamble = completed.text().substring(completed.text().indexOf("say a lot") + "say a lot".length());
        assertThat(afterPreamble.trim().split("\\s+")).hasSizeLessThanOrEqualTo(MAX_WORDS + 1);
    }

    @Test
    void aLongerAnswerIsCutWithANoteAndStreamsNoMoreThanItKeeps() {
        String chat = UUID.randomUUID().toString();
        driver.send(chat, TENANT, "long", "/words 30\nanswer at length");

        TurnCompleted completed = (TurnCompleted) driver.await(chat, TurnCompleted.class,
                driver.turnOf(chat, "long")).payload();
        assertThat(completed.text()).endsWith("[answer truncated: it was longer than this service keeps]");
        String streamed = driver.events(chat).stream().filter(e -> e.payload() instanceof TextDelta)
                .map(e -> ((TextDelta) e.payload()).text()).collect(Collectors.joining());
        assertThat(streamed).hasSize(MAX_ANSWER_CHARS);
        assertThat(completed.text()).startsWith(streamed);
    }
}
