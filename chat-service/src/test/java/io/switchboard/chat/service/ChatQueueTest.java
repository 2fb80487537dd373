package io.switchboard.chat.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.chat.llm.OfflineModel;
import io.switchboard.chat.model.ChatState;
import io.switchboard.chat.repository.ChatStreamRepository;
import io.switchboard.chat.support.ChatDriver;
import io.switchboard.events.Envelope;
import io.switchboard.events.chat.CommandRejected;
import io.switchboard.events.chat.QueuedTurnEdited;
import io.switchboard.events.chat.TurnCancelled;
import io.switchboard.events.chat.TurnCompleted;
import io.switchboard.events.chat.TurnFailed;
import io.switchboard.events.chat.TurnQueued;
import io.switchboard.events.chat.TurnStarted;
import io.switchboard.events.command.CancelTurn;
import io.switchboard.events.command.EditQueuedTurn;
import io.switchboard.events.command.StopTurn;
import io.switchboard.events.lifecycle.ChatArchived;
import io.switchboard.events.lifecycle.ChatDeleted;
import io.switchboard.events.lifecycle.ChatRestored;
import io.switchboard.infra.Databases;
import io.switchboard.testing.SwitchboardInfrastructureResource;

/** Queue semantics: cancel, stop, send now, edit, and closing a chat. */
@QuarkusTest
@WithTestResource(value = SwitchboardInfrastructureResource.class,
        initArgs = @ResourceArg(name = SwitchboardInfrastructureResource.DATABASE, value = Databases.CHATS))
class ChatQueueTest {

    private static final String TENANT = "tenant-q";
    private static final UUID PROJECT = UUID.randomUUID();
    /** A message the offline model never answers until its turn is stopped. */
    private static final String STALL = "/stall\nthink for a long time";

    @Inject
    ChatLanes lanes;

    @Inject
    ChatStreamRepository streams;

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
    void aQuietChatIsEvictedFromMemoryAndContinuesItsStreamWhenItSpeaksAgain() {
        String chat = UUID.randomUUID().toString();
        driver.send(chat, TENANT, "a", "before eviction");
        driver.await(chat, TurnCompleted.class, driver.turnOf(chat, "a"));
        String busy = UUID.randomUUID().toString();
        driver.send(busy, TENANT, "b", STALL);
        driver.await(busy, TurnStarted.class, driver.turnOf(busy, "b"));

        await().atMost(ChatDriver.TIMEOUT).until(() -> {
            lanes.evictIdle(Duration.ZERO).await().atMost(ChatDriver.TIMEOUT);
            return lanes.loaded(chat).isEmpty();
        });
        assertThat(lanes.loaded(busy)).as("a chat with a running turn stays loaded").isPresent();

        driver.send(chat, TENANT, "c", "after eviction");
        driver.await(chat, TurnCompleted.class, driver.turnOf(chat, "c"));
        ChatDriver.assertGapless(driver.events(chat));
        driver.command(busy, TENANT, new StopTurn("alice"));
        driver.awaitEndings(busy, 1);
    }

    @Test
    void cancellingAQueuedTurnRemovesItWithoutRunningIt() {
        String chat = UUID.randomUUID().toString();
        driver.send(chat, TENANT, "a", STALL);
        driver.send(chat, TENANT, "b", "second");
        driver.send(chat, TENANT, "c", "third");
        UUID a = driver.turnOf(chat, "a");
        UUID b = driver.turnOf(chat, "b");
        UUID c = driver.turnOf(chat, "c");

        driver.command(chat, TENANT, new CancelTurn(b, "alice"));
        assertThat(driver.await(chat, TurnCancelled.class, b).payloadAs(TurnCancelled.class).reason())
                .isEqualTo(TurnCancelled.CANCELLED);
        driver.command(chat, TENANT, new StopTurn("alice"));

        driver.await(chat, TurnCompleted.class, c);
        List<Envelope> stream = driver.events(chat);
        assertThat(stream).noneMatch(e -> e.payload() instanceof TurnStarted && b.equals(e.turnId()));
        assertThat(stream).filteredOn(e -> e.payload() instanceof TurnStarted).extracting(Envelope::turnId)
                .containsExactly(a, c);
        ChatDriver.assertGapless(stream);
    }

    @Test
    void stopEndsTheRunningTurnAndTheQueueCarriesOn() {
        String chat = UUID.randomUUID().toString();
        driver.send(chat, TENANT, "a", STALL);
        driver.send(chat, TENANT, "b", "next one");
        UUID a = driver.turnOf(chat, "a");
        UUID b = driver.turnOf(chat, "b");
        driver.await(chat, TurnStarted.class, a);

        driver.command(chat, TENANT, new StopTurn("alice"));

        assertThat(driver.await(chat, TurnCancelled.class, a).payloadAs(TurnCancelled.class).reason())
                .isEqualTo(TurnCancelled.STOPPED);
        String answer = driver.await(chat, TurnCompleted.class, b).payloadAs(TurnCompleted.class).text();
        assertThat(answer).isEqualTo(String.join(" ", OfflineModel.answer("next one", 12)));
        ChatDriver.assertGapless(driver.events(chat));
    }

    @Test
    void stopWithNothingRunningIsRejectedVisibly() {
        String chat = UUID.randomUUID().toString();
        driver.send(chat, TENANT, "a", "quick");
        driver.await(chat, TurnCompleted.class, driver.turnOf(chat, "a"));

        driver.command(chat, TENANT, new StopTurn("alice"));

        CommandRejected rejected = driver.await(chat, e -> e.payload() instanceof CommandRejected)
                .payloadAs(CommandRejected.class);
        assertThat(rejected.command()).isEqualTo("StopTurn");
        assertThat(rejected.reason()).isEqualTo("not_running");
    }

    @Test
    void sendNowStopsTheRunningTurnAndRunsBeforeTheQueue() {
        String chat = UUID.randomUUID().toString();
        driver.send(chat, TENANT, "a", STALL);
        driver.send(chat, TENANT, "b", "queued normally");
        UUID a = driver.turnOf(chat, "a");
        UUID b = driver.turnOf(chat, "b");
        driver.await(chat, TurnStarted.class, a);

        driver.sendNow(chat, TENANT, "urgent", "do this first");
        UUID urgent = driver.turnOf(chat, "urgent");

        assertThat(driver.await(chat, TurnQueued.class, urgent).payloadAs(TurnQueued.class).position()).isZero();
        assertThat(driver.await(chat, TurnCancelled.class, a).payloadAs(TurnCancelled.class).reason())
                .isEqualTo(TurnCancelled.SUPERSEDED);
        driver.await(chat, TurnCompleted.class, b);
        assertThat(driver.events(chat)).filteredOn(e -> e.payload() instanceof TurnStarted)
                .extracting(Envelope::turnId).containsExactly(a, urgent, b);
        ChatDriver.assertGapless(driver.events(chat));
    }

    @Test
    void aQueuedTurnCanBeEditedButARunningOneCannot() {
        String chat = UUID.randomUUID().toString();
        driver.send(chat, TENANT, "a", STALL);
        driver.send(chat, TENANT, "b", "old words");
        UUID a = driver.turnOf(chat, "a");
        UUID b = driver.turnOf(chat, "b");
        driver.await(chat, TurnStarted.class, a);

        driver.command(chat, TENANT, new EditQueuedTurn(b, "alice", "new words"));
        driver.command(chat, TENANT, new EditQueuedTurn(a, "alice", "too late"));

        assertThat(driver.await(chat, QueuedTurnEdited.class, b).payloadAs(QueuedTurnEdited.class).text())
                .isEqualTo("new words");
        CommandRejected rejected = driver.await(chat, e -> e.payload() instanceof CommandRejected)
                .payloadAs(CommandRejected.class);
        assertThat(rejected.reason()).isEqualTo("turn_not_queued");
        assertThat(rejected.reference()).isEqualTo(a.toString());
        driver.command(chat, TENANT, new StopTurn("alice"));
        assertThat(driver.await(chat, TurnCompleted.class, b).payloadAs(TurnCompleted.class).text())
                .isEqualTo(String.join(" ", OfflineModel.answer("new words", 12)));
    }

    @Test
    void archivingCancelsTheQueueAndRejectsMessagesUntilRestoredWhileOtherChatsGoOn() {
        String chat = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        driver.send(chat, TENANT, "a", STALL);
        driver.send(chat, TENANT, "b", "waiting");
        driver.send(other, TENANT, "o1", "/rate 20\nunaffected");
        UUID a = driver.turnOf(chat, "a");
        UUID b = driver.turnOf(chat, "b");
        driver.await(chat, TurnStarted.class, a);

        driver.lifecycle(chat, TENANT, 2, new ChatArchived(PROJECT));

        assertThat(driver.await(chat, TurnCancelled.class, a).payloadAs(TurnCancelled.class).reason())
                .isEqualTo(TurnCancelled.CHAT_ARCHIVED);
        assertThat(driver.await(chat, TurnCancelled.class, b).payloadAs(TurnCancelled.class).reason())
                .isEqualTo(TurnCancelled.CHAT_ARCHIVED);
        driver.send(chat, TENANT, "c", "anyone there?");
        assertThat(driver.await(chat, e -> e.payload() instanceof CommandRejected).payloadAs(CommandRejected.class)
                .reason()).isEqualTo(TurnCancelled.CHAT_ARCHIVED);

        driver.lifecycle(chat, TENANT, 3, new ChatRestored(PROJECT));
        // session.lifecycle and chat.commands are separate topics with no order between them: a message
        // racing the restore may still be refused, so send once the restore has been applied.
        await().atMost(ChatDriver.TIMEOUT).until(() -> streams.state(TENANT, chat).await().atMost(ChatDriver.TIMEOUT)
                == ChatState.ACTIVE);
        driver.send(chat, TENANT, "d", "back again");
        driver.await(chat, TurnCompleted.class, driver.turnOf(chat, "d"));

        List<Envelope> otherStream = driver.awaitEndings(other, 1);
        assertThat(otherStream.get(otherStream.size() - 1).payload()).isInstanceOf(TurnCompleted.class);
        ChatDriver.assertGapless(otherStream);
        ChatDriver.assertGapless(driver.events(chat));
    }

    @Test
    void deletingAChatCancelsItsTurns() {
        String chat = UUID.randomUUID().toString();
        driver.send(chat, TENANT, "a", STALL);
        UUID a = driver.turnOf(chat, "a");
        driver.await(chat, TurnStarted.class, a);

        driver.lifecycle(chat, TENANT, 2, new ChatDeleted(PROJECT));

        assertThat(driver.await(chat, TurnCancelled.class, a).payloadAs(TurnCancelled.class).reason())
                .isEqualTo(TurnCancelled.CHAT_DELETED);
    }

    @Test
    void aFailingChatLeavesTheOthersUntouchedAndCanBeUsedAgain() {
        String failing = UUID.randomUUID().toString();
        String healthy = UUID.randomUUID().toString();
        driver.send(healthy, TENANT, "h1", "/rate 40\nsteady answer");
        driver.send(failing, TENANT, "f1", "/fail-after 3 the provider broke");
        driver.send(failing, TENANT, "f2", "try again");

        TurnFailed failed = driver.await(failing, TurnFailed.class, driver.turnOf(failing, "f1"))
                .payloadAs(TurnFailed.class);
        assertThat(failed.reason()).isEqualTo("model_error");
        assertThat(failed.message()).isEqualTo("the provider broke");
        driver.await(failing, TurnCompleted.class, driver.turnOf(failing, "f2"));
        String healthyAnswer = driver.await(healthy, TurnCompleted.class, driver.turnOf(healthy, "h1"))
                .payloadAs(TurnCompleted.class).text();
        assertThat(healthyAnswer).isEqualTo(String.join(" ", OfflineModel.answer("steady answer", 12)));
        assertThat(driver.events(healthy)).noneMatch(e -> e.payload() instanceof TurnFailed);
    }

    @Test
    void toolCallsAreAnnouncedAndTheirOutcomeGoesBackToTheModel() {
        String chat = UUID.randomUUID().toString();
        driver.send(chat, TENANT, "t", "/tool list_files {\"path\":\"\"}\nlook around");
        UUID turn = driver.turnOf(chat, "t");

        String answer = driver.await(chat, TurnCompleted.class, turn).payloadAs(TurnCompleted.class).text();

        List<String> types = driver.events(chat).stream().map(Envelope::type).toList();
        assertThat(types).containsSubsequence("TurnStarted", "ToolCallStarted", "TurnCompleted");
        assertThat(types).containsAnyOf("ToolCallResult", "ToolCallFailed");
        assertThat(answer).contains("(after 1 tool call)");
    }

    @Test
    void aModelThatKeepsCallingToolsHitsTheStepLimit() {
        String chat = UUID.randomUUID().toString();
        driver.send(chat, TENANT, "t", "/tool list_files {}\n/tool list_files {}\n/tool list_files {}\nloop");

        TurnFailed failed = driver.await(chat, TurnFailed.class, driver.turnOf(chat, "t"))
                .payloadAs(TurnFailed.class);

        assertThat(failed.reason()).isEqualTo("tool_step_limit");
        assertThat(driver.events(chat)).filteredOn(e -> e.type().equals("ToolCallStarted")).hasSize(2);
    }
}
