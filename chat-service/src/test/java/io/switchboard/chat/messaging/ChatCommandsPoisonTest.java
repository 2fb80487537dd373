package io.switchboard.chat.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.chat.service.ChatLane;
import io.switchboard.chat.support.ChatDriver;
import io.switchboard.events.Envelope;
import io.switchboard.events.Topics;
import io.switchboard.events.chat.CommandRejected;
import io.switchboard.events.chat.TurnCompleted;
import io.switchboard.events.chat.TurnStarted;
import io.switchboard.events.command.SendMessage;
import io.switchboard.events.command.StopTurn;
import io.switchboard.events.lifecycle.ChatArchived;
import io.switchboard.events.json.EventJson;
import io.switchboard.infra.Databases;
import io.switchboard.kit.consumer.DeadLetters;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.kafka.RawProducer;
import io.switchboard.testing.kafka.RecordCollector;

/**
 * The poison corpus on chat.commands, produced raw as a foreign or broken producer could: none of it may stop
 * the consumer, its partition or another tenant. Before the fix, one NUL in a message text stopped every chat
 * of every tenant.
 */
@QuarkusTest
@WithTestResource(value = SwitchboardInfrastructureResource.class,
        initArgs = @ResourceArg(name = SwitchboardInfrastructureResource.DATABASE, value = Databases.CHATS))
class ChatCommandsPoisonTest {

    private ChatDriver driver;
    private RawProducer producer;
    private RecordCollector deadLetters;

    @BeforeEach
    void connect() {
        driver = new ChatDriver();
        producer = RawProducer.create();
        deadLetters = RecordCollector.fromEnd(Topics.deadLetter(Topics.CHAT_COMMANDS));
    }

    @AfterEach
    void disconnect() {
        driver.close();
        producer.close();
        deadLetters.close();
    }

    @Test
    void aNulInAMessageIsSetAsideAndAnotherTenantOnTheSamePartitionIsStillAnswered() {
        String poisoned = UUID.randomUUID().toString();
        String neighbour = ChatDriver.chatOnPartitionOf(poisoned);
        String json = EventJson.toJson(send(poisoned, "tenant-a", "m-nul", "ok")).replace("\"ok\"", "\"a\\u0000b\"");

        producer.send(Topics.CHAT_COMMANDS, poisoned, json);
        driver.send(neighbour, "tenant-b", "m-1", "hello after the poison");

        driver.await(neighbour, TurnCompleted.class, driver.turnOf(neighbour, "m-1"));
        ConsumerRecord<String, byte[]> dead = deadLetters.awaitRecord(r -> poisoned.equals(r.key()), ChatDriver.TIMEOUT);
        assertThat(header(dead, DeadLetters.REASON)).isEqualTo("invalid_text");
        assertThat(header(dead, DeadLetters.SOURCE_TOPIC)).isEqualTo(Topics.CHAT_COMMANDS);
        assertThat(header(dead, DeadLetters.CONSUMER)).isEqualTo("chat-service");
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo(json);
        // The poisoned chat itself takes the next valid message.
        driver.send(poisoned, "tenant-a", "m-2", "a clean message");
        driver.await(poisoned, TurnCompleted.class, driver.turnOf(poisoned, "m-2"));
    }

    @Test
    void theWholeCorpusIsDeadLetteredAndNothingStops() {
        String chat = UUID.randomUUID().toString();
        String neighbour = ChatDriver.chatOnPartitionOf(chat);
        String valid = EventJson.toJson(send(chat, "tenant-p", "m-x", "TEXT"));
        List<String> corpus = new ArrayList<>(List.of(
                valid.replace("TEXT", "lone \\uD83D surrogate"),
                valid.replace("TEXT", "bell \\u0007"),
                "{not json",
                "[".repeat(100_000),
                valid.replace("\"tenantId\":\"tenant-p\"", "\"tenantId\":null"),
                valid.replace("\"type\":\"SendMessage\"", "\"type\":\"DropTables\""),
                valid.replace("\"v\":1", "\"v\":99"),
                valid.replace("\"text\":\"TEXT\",", "")));
        for (String poison : corpus) {
            producer.send(Topics.CHAT_COMMANDS, chat, poison);
        }
        String upper = chat.toUpperCase();
        producer.send(Topics.CHAT_COMMANDS, upper, valid.replace(chat, upper));
        producer.send(Topics.CHAT_COMMANDS, chat, (byte[]) null);

        driver.send(neighbour, "tenant-q", "m-1", "still answered");
        driver.await(neighbour, TurnCompleted.class, driver.turnOf(neighbour, "m-1"));

        List<ConsumerRecord<String, byte[]>> dead = deadLetters.awaitRecords(
                r -> chat.equals(r.key()) || upper.equals(r.key()), corpus.size() + 2, ChatDriver.TIMEOUT);
        assertThat(dead).extracting(r -> header(r, DeadLetters.REASON)).containsExactlyInAnyOrder(
                "invalid_text", "invalid_text", "malformed", "malformed", "missing_tenant_id", "unknown_type",
                "unsupported_version", "invalid_payload", "invalid_chat_id", "unreadable");
        assertThat(driver.events(chat)).as("nothing of the corpus reached the chat").isEmpty();
    }

    @Test
    void aCommandTheStoreRefusesEndsWithCommandRejectedAndTheChatGoesOn() {
        // Clean text, so it passes the contract, but longer than any message may be: the database's check
        // refuses it, which no retry can fix.
        String chat = UUID.randomUUID().toString();
        producer.send(Topics.CHAT_COMMANDS, chat, EventJson.toBytes(send(chat, "tenant-r", "m-long", "x".repeat(40_000))));
        driver.send(chat, "tenant-r", "m-next", "a normal message");

        Envelope rejected = driver.await(chat, e -> e.payload() instanceof CommandRejected);
        CommandRejected rejection = (CommandRejected) rejected.payload();
        assertThat(rejection.reason()).isEqualTo(ChatLane.INVALID_COMMAND);
        assertThat(rejection.command()).isEqualTo("SendMessage");
        assertThat(rejection.reference()).isEqualTo("m-long");
        driver.await(chat, TurnCompleted.class, driver.turnOf(chat, "m-next"));
        ConsumerRecord<String, byte[]> dead = deadLetters.awaitRecord(r -> chat.equals(r.key()), ChatDriver.TIMEOUT);
        assertThat(header(dead, DeadLetters.REASON)).isEqualTo("unprocessable");
        ChatDriver.assertGapless(driver.events(chat));
    }

    @Test
    void theLifecycleConsumerGoesOnAfterPoisonAndAnArchivedChatRefusesMessages() {
        String poisoned = UUID.randomUUID().toString();
        String archived = ChatDriver.chatOnPartitionOf(poisoned);
        String valid = EventJson.toJson(Envelope.of(poisoned, "tenant-l", 1, null, new ChatArchived(UUID.randomUUID())));
        for (String poison : List.of("{not json", valid.replace("\"tenantId\":\"tenant-l\"", "\"tenantId\":null"),
                valid.replace("\"v\":1", "\"v\":99"), valid.replace("\"type\":\"ChatArchived\"", "\"type\":\"Nope\""))) {
            producer.send(Topics.SESSION_LIFECYCLE, poisoned, poison);
        }
        driver.lifecycle(archived, "tenant-l", 1, new ChatArchived(UUID.randomUUID()));

        Awaitility.await().atMost(ChatDriver.TIMEOUT).until(() -> {
            driver.send(archived, "tenant-l", "m-" + UUID.randomUUID(), "are you archived?");
            return driver.events(archived).stream().anyMatch(e -> e.payload() instanceof CommandRejected rejected
                    && rejected.reason().equals("chat_archived"));
        });
    }

    @Test
    void aStopNamingATurnThatIsNotRunningStopsNothing() {
        String chat = UUID.randomUUID().toString();
        driver.send(chat, "tenant-s", "m-stall", "/stall\nwait");
        UUID running = driver.turnOf(chat, "m-stall");
        driver.await(chat, TurnStarted.class, running);

        UUID stale = UUID.randomUUID();
        producer.send(Topics.CHAT_COMMANDS, chat,
                EventJson.toBytes(Envelope.of(chat, "tenant-s", 0, stale, new StopTurn("alice"))));
        Envelope rejected = driver.await(chat, e -> e.payload() instanceof CommandRejected);
        assertThat(((CommandRejected) rejected.payload()).reason()).isEqualTo("turn_not_running");
        assertThat(((CommandRejected) rejected.payload()).reference()).isEqualTo(stale.toString());

        producer.send(Topics.CHAT_COMMANDS, chat,
                EventJson.toBytes(Envelope.of(chat, "tenant-s", 0, running, new StopTurn("alice"))));
        driver.awaitEndings(chat, 1);
        assertThat(driver.events(chat)).filteredOn(ChatDriver::isEnding).singleElement()
                .satisfies(e -> assertThat(e.type()).isEqualTo("TurnCancelled"));
    }

    private static Envelope send(String chatId, String tenantId, String clientMessageId, String text) {
        return Envelope.of(chatId, tenantId, 0, null, new SendMessage(clientMessageId, "alice", text, "offline"));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
