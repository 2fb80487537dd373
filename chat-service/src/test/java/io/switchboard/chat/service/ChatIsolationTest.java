package io.switchboard.chat.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.logging.Log;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.chat.llm.OfflineModel;
import io.switchboard.chat.support.ChatDriver;
import io.switchboard.events.Envelope;
import io.switchboard.events.chat.TextDelta;
import io.switchboard.events.chat.TurnCompleted;
import io.switchboard.events.chat.TurnQueued;
import io.switchboard.events.chat.TurnStarted;
import io.switchboard.events.command.StopTurn;
import io.switchboard.infra.Databases;
import io.switchboard.testing.SwitchboardInfrastructureResource;

/** Many chats at once: each chat's events are its own, complete and in order, and no chat waits for another. */
@QuarkusTest
@WithTestResource(value = SwitchboardInfrastructureResource.class,
        initArgs = @ResourceArg(name = SwitchboardInfrastructureResource.DATABASE, value = Databases.CHATS))
class ChatIsolationTest {

    private static final String TENANT = "tenant-iso";

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
    void twentyChatsOfFiveMessagesInRandomInterleavingsStayIsolatedAndOrdered() throws InterruptedException {
        long seed = System.nanoTime();
        Log.infof("isolation test seed %d", seed);
        Random random = new Random(seed);
        Map<String, List<String>> texts = new LinkedHashMap<>();
        List<String[]> sends = new ArrayList<>();
        for (int c = 0; c < 20; c++) {
            String chat = UUID.randomUUID().toString();
            List<String> chatTexts = new ArrayList<>();
            for (int m = 0; m < 5; m++) {
                String text = "chat " + c + " message " + m + " " + Long.toHexString(random.nextLong());
                chatTexts.add(text);
                sends.add(new String[] {chat, "m-" + m, text});
            }
            texts.put(chat, chatTexts);
        }
        ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor();
        try {
            // Each chat's messages go out in their order; across chats the order and the gaps are random.
            Map<String, Long> nextAt = new LinkedHashMap<>();
            List<String[]> shuffled = interleave(sends, random);
            for (String[] send : shuffled) {
                long at = nextAt.merge(send[0], (long) random.nextInt(40), (previous, gap) -> previous + gap);
                sender.schedule(() -> driver.send(send[0], TENANT, send[1], send[2]), at, TimeUnit.MILLISECONDS);
            }
        } finally {
            sender.shutdown();
            assertThat(sender.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }

        texts.forEach((chat, chatTexts) -> {
            List<Envelope> stream = driver.awaitEndings(chat, 5);
            ChatDriver.assertGapless(stream);
            assertThat(stream).filteredOn(e -> e.payload() instanceof TurnQueued)
                    .extracting(e -> e.payloadAs(TurnQueued.class).text()).containsExactlyElementsOf(chatTexts);
            List<UUID> queuedOrder = stream.stream().filter(e -> e.payload() instanceof TurnQueued)
                    .map(Envelope::turnId).toList();
            assertThat(stream).filteredOn(e -> e.payload() instanceof TurnStarted).extracting(Envelope::turnId)
                    .containsExactlyElementsOf(queuedOrder);
            assertThat(stream).filteredOn(e -> e.payload() instanceof TurnCompleted)
                    .extracting(e -> e.payloadAs(TurnCompleted.class).text())
                    .containsExactlyElementsOf(chatTexts.stream()
                            .map(text -> String.join(" ", OfflineModel.answer(text, 12))).toList());
            assertTurnsDoNotInterleave(stream);
            for (int i = 0; i < queuedOrder.size(); i++) {
                UUID turn = queuedOrder.get(i);
                String streamed = stream.stream().filter(e -> turn.equals(e.turnId()) && e.payload() instanceof TextDelta)
                        .map(e -> e.payloadAs(TextDelta.class).text()).reduce("", String::concat);
                assertThat(streamed).isEqualTo(String.join(" ", OfflineModel.answer(chatTexts.get(i), 12)));
            }
        });
    }

    @Test
    void aStalledChatDoesNotDelayFiftyChatsOnItsPartition() {
        String stalled = UUID.randomUUID().toString();
        int partition = ChatDriver.partitionOf(stalled);
        List<String> neighbours = new ArrayList<>();
        while (neighbours.size() < 50) {
            String candidate = UUID.randomUUID().toString();
            if (ChatDriver.partitionOf(candidate) == partition) {
                neighbours.add(candidate);
            }
        }
        driver.send(stalled, TENANT, "s", "/stall\nblock the partition if you can");
        UUID stalledTurn = driver.turnOf(stalled, "s");
        driver.await(stalled, TurnStarted.class, stalledTurn);

        neighbours.forEach(chat -> driver.send(chat, TENANT, "n", "neighbour " + chat));

        neighbours.forEach(chat -> {
            List<Envelope> stream = driver.awaitEndings(chat, 1);
            assertThat(stream.get(stream.size() - 1).payload()).isInstanceOf(TurnCompleted.class);
        });
        assertThat(ChatDriver.endings(driver.events(stalled))).as("the stalled turn is still running").isZero();
        driver.command(stalled, TENANT, new StopTurn("alice"));
        driver.awaitEndings(stalled, 1);
    }

    /** A random order of all sends that keeps each chat's own messages in their order. */
    private static List<String[]> interleave(List<String[]> sends, Random random) {
        Map<String, List<String[]>> byChat = new LinkedHashMap<>();
        sends.forEach(send -> byChat.computeIfAbsent(send[0], chat -> new ArrayList<>()).add(send));
        List<String[]> order = new ArrayList<>();
        while (!byChat.isEmpty()) {
            List<String> chats = new ArrayList<>(byChat.keySet());
            String chat = chats.get(random.nextInt(chats.size()));
            List<String[]> left = byChat.get(chat);
            order.add(left.remove(0));
            if (left.isEmpty()) {
                byChat.remove(chat);
            }
        }
        return order;
    }

    /** Apart from TurnQueued, a turn's events form one block: the next turn starts after this one ended. */
    private static void assertTurnsDoNotInterleave(List<Envelope> stream) {
        List<UUID> blocks = new ArrayList<>();
        for (Envelope event : stream) {
            if (event.payload() instanceof TurnQueued) {
                continue;
            }
            if (blocks.isEmpty() || !blocks.get(blocks.size() - 1).equals(event.turnId())) {
                assertThat(blocks).as("turn %s appears in two blocks", event.turnId()).doesNotContain(event.turnId());
                blocks.add(event.turnId());
            }
        }
    }
}
