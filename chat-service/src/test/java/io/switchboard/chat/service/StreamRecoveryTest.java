package io.switchboard.chat.service;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.switchboard.chat.model.Turn;
import io.switchboard.chat.model.TurnStatus;
import io.switchboard.chat.repository.ChatStreamRepository;
import io.switchboard.chat.repository.TurnRepository;
import io.switchboard.chat.support.ChatDriver;
import io.switchboard.events.Envelope;
import io.switchboard.events.Topics;
import io.switchboard.events.chat.TokenUsage;
import io.switchboard.events.chat.TurnCompleted;
import io.switchboard.events.chat.TurnQueued;
import io.switchboard.events.chat.TurnStarted;
import io.switchboard.events.json.EventJson;
import io.switchboard.infra.Databases;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.kafka.RawProducer;

/**
 * Recovery after a crash that fell between publishing an event and storing its effect. The crash is staged
 * by writing the database and the topic as the dead owner left them, then taking the partition over.
 */
@QuarkusTest
@WithTestResource(value = SwitchboardInfrastructureResource.class,
        initArgs = @ResourceArg(name = SwitchboardInfrastructureResource.DATABASE, value = Databases.CHATS))
class StreamRecoveryTest {

    private static final String TENANT = "tenant-recovery";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    TurnRepository turns;

    @Inject
    ChatStreamRepository streams;

    @Inject
    StreamRecovery recovery;

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
    void aTurnStoredButNeverAnnouncedIsAnnouncedOnceAndRun() {
        String chat = UUID.randomUUID().toString();
        int partition = ChatDriver.partitionOf(chat);
        Turn stored = storeTurn(chat, "stranded", "never announced", partition);

        recovery.takeOver(List.of(partition));

        driver.await(chat, TurnCompleted.class, stored.id());
        List<Envelope> stream = driver.events(chat);
        assertThat(stream).filteredOn(e -> e.payload() instanceof TurnQueued).hasSize(1)
                .allSatisfy(e -> assertThat(e.turnId()).isEqualTo(stored.id()));
        ChatDriver.assertGapless(stream);
    }

    @Test
    void anEndingPublishedButNotStoredIsStoredWithoutASecondEnding() {
        String chat = UUID.randomUUID().toString();
        int partition = ChatDriver.partitionOf(chat);
        Turn stored = storeTurn(chat, "finished", "answered before the crash", partition);
        turns.markRunning(TENANT, stored.id()).await().atMost(WAIT);
        try (RawProducer producer = RawProducer.create()) {
            publish(producer, Envelope.of(chat, TENANT, 1, stored.id(), new TurnQueued("finished", "alice",
                    "answered before the crash", "offline", 0)));
            publish(producer, Envelope.of(chat, TENANT, 2, stored.id(), new TurnStarted("offline")));
            publish(producer, Envelope.of(chat, TENANT, 3, stored.id(), new TurnCompleted("done",
                    new TokenUsage(1, 1))));
        }

        recovery.takeOver(List.of(partition));

        assertThat(turns.find(TENANT, chat, "finished").await().atMost(WAIT).orElseThrow().status())
                .isEqualTo(TurnStatus.COMPLETED);
        driver.send(chat, TENANT, "after", "carry on");
        driver.await(chat, TurnCompleted.class, driver.turnOf(chat, "after"));
        List<Envelope> stream = driver.events(chat);
        assertThat(stream).noneMatch(e -> e.type().equals("TurnFailed"));
        assertThat(stream).filteredOn(e -> e.payload() instanceof TurnCompleted).hasSize(2);
        ChatDriver.assertGapless(stream);
    }

    /** The dead owner's database: the turn stored, the chat's window open, nothing checkpointed. */
    private Turn storeTurn(String chat, String clientMessageId, String text, int partition) {
        streams.open(TENANT, chat, partition).await().atMost(WAIT);
        streams.openWindow(TENANT, chat).await().atMost(WAIT);
        Turn turn = new Turn(UUID.randomUUID(), TENANT, chat, clientMessageId, "alice", text, "offline",
                TurnStatus.QUEUED, 0);
        return turns.insertIfNew(turn, false).await().atMost(WAIT).orElseThrow();
    }

    private static void publish(RawProducer producer, Envelope event) {
        producer.send(Topics.CHAT_EVENTS, event.chatId(), EventJson.toBytes(event));
    }
}
