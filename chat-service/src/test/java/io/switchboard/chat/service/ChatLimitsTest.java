package io.switchboard.chat.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.chat.support.ChatDriver;
import io.switchboard.events.Envelope;
import io.switchboard.events.chat.TurnCancelled;
import io.switchboard.events.chat.TurnCompleted;
import io.switchboard.events.chat.TurnFailed;
import io.switchboard.events.chat.TurnStarted;
import io.switchboard.events.command.CancelTurn;
import io.switchboard.events.command.StopTurn;
import io.switchboard.infra.Databases;
import io.switchboard.testing.SwitchboardInfrastructureResource;

/** Fair sharing and limits: per-tenant running slots, per-tenant pending turns, per-chat token budget. */
@QuarkusTest
@TestProfile(ChatLimitsTest.TightLimits.class)
@WithTestResource(value = SwitchboardInfrastructureResource.class,
        initArgs = @ResourceArg(name = SwitchboardInfrastructureResource.DATABASE, value = Databases.CHATS))
class ChatLimitsTest {

    private static final String STALL = "/stall\nhold a slot";

    public static class TightLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "switchboard.chat.scheduling.max-running-turns-per-tenant", "2",
                    "switchboard.chat.scheduling.max-pending-turns-per-tenant", "4",
                    "switchboard.chat.turns.chat-token-budget", "40",
                    "switchboard.chat.scheduling.max-queued-turns-per-chat", "2");
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
    void aTenantAtItsRunningLimitWaitsWhileAnotherTenantRunsAtOnce() {
        String tenant = "busy-" + UUID.randomUUID();
        List<String> chats = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                UUID.randomUUID().toString());
        chats.forEach(chat -> driver.send(chat, tenant, "s", STALL));
        driver.await(chats.get(0), e -> e.payload() instanceof TurnStarted);
        driver.await(chats.get(1), e -> e.payload() instanceof TurnStarted);

        String calm = UUID.randomUUID().toString();
        driver.send(calm, "calm-" + UUID.randomUUID(), "c", "quick question");
        driver.await(calm, e -> e.payload() instanceof TurnCompleted);
        assertThat(driver.events(chats.get(2))).as("third chat of the busy tenant waits for a slot")
                .noneMatch(e -> e.payload() instanceof TurnStarted);

        driver.command(chats.get(0), tenant, new StopTurn("alice"));
        driver.await(chats.get(2), e -> e.payload() instanceof TurnStarted);

        driver.command(chats.get(1), tenant, new StopTurn("alice"));
        driver.command(chats.get(2), tenant, new StopTurn("alice"));
        chats.forEach(chat -> driver.awaitEndings(chat, 1));
    }

    @Test
    void sendNowDoesNotGrowAFullChatQueue() {
        String tenant = "queue-" + UUID.randomUUID();
        String chat = UUID.randomUUID().toString();
        driver.send(chat, tenant, "running", STALL);
        driver.await(chat, e -> e.payload() instanceof TurnStarted);
        driver.send(chat, tenant, "q1", "first queued");
        driver.send(chat, tenant, "q2", "second queued");
        driver.turnOf(chat, "q2");

        driver.sendNow(chat, tenant, "now", "jump the queue");

        TurnFailed failed = (TurnFailed) driver.await(chat, TurnFailed.class, driver.turnOf(chat, "now")).payload();
        assertThat(failed.reason()).isEqualTo("chat_queue_full");
        assertThat(driver.events(chat)).as("the running turn was not superseded")
                .noneMatch(e -> e.payload() instanceof TurnCancelled);
        driver.command(chat, tenant, new StopTurn("alice"));
        driver.awaitEndings(chat, 4);
    }

    @Test
    void aTenantBeyondItsPendingLimitGetsAClearFailure() {
        String tenant = "flood-" + UUID.randomUUID();
        List<String> chats = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString());
        for (String chat : chats.subList(0, 4)) {
            driver.send(chat, tenant, "s", STALL);
            driver.turnOf(chat, "s");
        }

        driver.send(chats.get(4), tenant, "s", "one too many");

        TurnFailed failed = driver.await(chats.get(4), e -> e.payload() instanceof TurnFailed)
                .payloadAs(TurnFailed.class);
        assertThat(failed.reason()).isEqualTo("tenant_limit");
        // Two of them hold the tenant's slots and two wait for one: cancel reaches both kinds.
        chats.subList(0, 4).forEach(chat -> driver.command(chat, tenant,
                new CancelTurn(driver.turnOf(chat, "s"), "alice")));
        chats.subList(0, 4).forEach(chat -> driver.awaitEndings(chat, 1));
    }

    @Test
    void aChatBeyondItsTokenBudgetFailsItsNextTurn() {
        String tenant = "budget-" + UUID.randomUUID();
        String chat = UUID.randomUUID().toString();
        driver.send(chat, tenant, "first", "spend the budget");
        TurnCompleted first = driver.await(chat, e -> e.payload() instanceof TurnCompleted)
                .payloadAs(TurnCompleted.class);
        assertThat(first.chatUsage().inputTokens() + first.chatUsage().outputTokens()).isGreaterThanOrEqualTo(40);

        driver.send(chat, tenant, "second", "and a little more");

        Envelope failed = driver.await(chat, e -> e.payload() instanceof TurnFailed);
        assertThat(failed.payloadAs(TurnFailed.class).reason()).isEqualTo("token_budget_exceeded");
        assertThat(failed.turnId()).isEqualTo(driver.turnOf(chat, "second"));
    }
}
