package io.switchboard.chat.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.chat.repository.ChatOriginRepository;
import io.switchboard.chat.support.ChatDriver;
import io.switchboard.events.Envelope;
import io.switchboard.events.EventPayload;
import io.switchboard.events.chat.TurnCompleted;
import io.switchboard.events.lifecycle.ChatCreated;
import io.switchboard.events.lifecycle.ChatForked;
import io.switchboard.infra.Databases;
import io.switchboard.testing.SwitchboardInfrastructureResource;

/**
 * A copied chat continues the conversation it was copied from: a fork at a turn, a duplicate, a fork of a fork
 * (at one of its own turns, or at one it had copied) each give their model the source's exchanges up to the copied
 * turn and none after it. The offline model's {@code /recall} answers with the earlier questions it was given.
 */
@QuarkusTest
@WithTestResource(value = SwitchboardInfrastructureResource.class,
        initArgs = @ResourceArg(name = SwitchboardInfrastructureResource.DATABASE, value = Databases.CHATS))
class ChatContinuationTest {

    private static final String TENANT = "tenant-continuation";
    private static final UUID PROJECT = UUID.randomUUID();

    @Inject
    ChatOriginRepository origins;

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
    void copiesSeeTheirSourceUpToTheCopiedTurnAndNothingAfterIt() {
        String source = UUID.randomUUID().toString();
        UUID alpha = answered(source, "alpha question");
        UUID beta = answered(source, "beta question");
        assertThat(recall(source)).isEqualTo("I recall: \"alpha question\" \"beta question\"");

        String fork = UUID.randomUUID().toString();
        announce(fork, TENANT, new ChatForked(PROJECT, "alice", source, "fork", "offline", null, alpha));
        String forkRecall = recall(fork);
        assertThat(forkRecall).isEqualTo("I recall: \"alpha question\"");

        String duplicate = UUID.randomUUID().toString();
        announce(duplicate, TENANT, new ChatCreated(PROJECT, "alice", "copy", "offline", source, beta));
        assertThat(recall(duplicate)).isEqualTo("I recall: \"alpha question\" \"beta question\"");

        // A fork of the fork at a turn the fork had copied: the source's history up to it, not the fork's own.
        String atCopiedTurn = UUID.randomUUID().toString();
        announce(atCopiedTurn, TENANT, new ChatForked(PROJECT, "alice", fork, "again", "offline", null, alpha));
        assertThat(recall(atCopiedTurn)).isEqualTo("I recall: \"alpha question\"");

        // At one of the fork's own turns: the fork's turns up to it, after the source's it had copied.
        UUID forksOwn = answered(fork, "gamma question");
        String atOwnTurn = UUID.randomUUID().toString();
        announce(atOwnTurn, TENANT, new ChatForked(PROJECT, "alice", fork, "own", "offline", null, forksOwn));
        // The fork's own /recall turn is quoted without its directive: "".
        assertThat(recall(atOwnTurn)).isEqualTo("I recall: \"alpha question\" \"\" \"gamma question\"");
    }

    @Test
    void aCopyNamingAnotherTenantsChatStartsWithoutItsHistory() {
        String source = UUID.randomUUID().toString();
        UUID secret = answered(source, "secret question");
        String intruder = UUID.randomUUID().toString();
        announce(intruder, "tenant-intruder",
                new ChatForked(PROJECT, "mallory", source, "stolen", "offline", null, secret));
        String answer = recallAs(intruder, "tenant-intruder");
        assertThat(answer).isEqualTo("I recall: nothing.");
    }

    private void announce(String chatId, String tenantId, EventPayload payload) {
        driver.lifecycle(chatId, tenantId, 1, payload);
        Awaitility.await().atMost(ChatDriver.TIMEOUT)
                .until(() -> origins.find(tenantId, chatId).await().indefinitely() != null);
    }

    private UUID answered(String chatId, String question) {
        return ask(chatId, TENANT, question + "\n/words 1\n/rate 100").turnId();
    }

    private String recall(String chatId) {
        return recallAs(chatId, TENANT);
    }

    private String recallAs(String chatId, String tenantId) {
        return ((TurnCompleted) ask(chatId, tenantId, "/recall\n/rate 100").payload()).text();
    }

    private Envelope ask(String chatId, String tenantId, String text) {
        String clientMessageId = "m-" + UUID.randomUUID();
        driver.send(chatId, tenantId, clientMessageId, text);
        UUID turn = driver.turnOf(chatId, clientMessageId);
        return driver.await(chatId, TurnCompleted.class, turn);
    }
}
