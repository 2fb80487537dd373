package io.switchboard.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import org.awaitility.core.ConditionTimeoutException;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.events.chat.TurnFailed;
import io.switchboard.testing.kafka.RecordCollector;

/**
 * The messages a failure test sent to its chats, and what chat.events and the history API made of them. Sending
 * is thread-safe, so a test can keep sending while it stops or kills an instance.
 */
final class FailureScenario {

    private static final int SENDERS = 8;

    private final ChatApi api;
    private final RecordCollector events;
    private final List<String> chats;
    private final Map<String, List<String>> keysByChat = new LinkedHashMap<>();
    private final Map<String, String> labelByKey = new HashMap<>();
    private final Map<String, String> textByKey = new HashMap<>();
    private Map<String, List<ChatTimeline.Turn>> settled;

    FailureScenario(ChatApi api, RecordCollector events, List<String> chats) {
        this.api = api;
        this.events = events;
        this.chats = List.copyOf(chats);
        chats.forEach(chat -> keysByChat.put(chat, new ArrayList<>()));
    }

    /** About fourteen seconds of answer: 56 words at 4 a second. */
    static String slowQuestion(String chatId) {
        return slowQuestion(chatId, 50);
    }

    /** A slow answer of about {@code words} words, at 4 a second. */
    static String slowQuestion(String chatId, int words) {
        return "/rate 4\n/words " + words + "\nslow question for " + chatId;
    }

    /** Under a second of answer. */
    static String quickQuestion(String text) {
        return "/rate 40\n/words 8\n" + text;
    }

    /**
     * Sends a message whose Idempotency-Key is made from the label and the chat; the label must be unique in the
     * chat. The gateway must accept it (202): it only needs Kafka and session-service.
     */
    void send(String chatId, String label, String text) {
        String key = label + "." + chatId;
        synchronized (this) {
            keysByChat.get(chatId).add(key);
            labelByKey.put(key, label);
            textByKey.put(key, text);
        }
        assertThat(api.send(chatId, key, text)).as("status of sending %s to chat %s", label, chatId).isEqualTo(202);
    }

    /** Sends one message to each of these chats, several chats at a time; returns when all were accepted. */
    void sendToEach(List<String> toChats, String label, Function<String, String> text) {
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        try {
            CompletableFuture.allOf(toChats.stream()
                    .map(chat -> CompletableFuture.runAsync(() -> send(chat, label, text.apply(chat)), senders))
                    .toArray(CompletableFuture[]::new)).join();
        } finally {
            senders.shutdown();
        }
    }

    List<String> chats() {
        return chats;
    }

    synchronized String label(String key) {
        return labelByKey.get(key);
    }

    synchronized List<String> keys(String chatId) {
        return List.copyOf(keysByChat.get(chatId));
    }

    Map<String, ChatTimeline> timelines() {
        return ChatTimeline.of(events.records(), chats);
    }

    /** Waits until each of these chats is streaming an answer. */
    void awaitStreaming(List<String> streaming) {
        await("chats streaming").atMost(Duration.ofMinutes(2)).until(() -> {
            Map<String, ChatTimeline> timelines = timelines();
            return streaming.stream().allMatch(chat -> timelines.get(chat).count("TextDelta") > 0);
        });
    }

    /** Waits until chat-service announced every message sent so far to these chats. */
    void awaitQueued(List<String> queued) {
        await("messages queued").atMost(Duration.ofMinutes(1)).until(() -> {
            Map<String, ChatTimeline> timelines = timelines();
            return queued.stream().allMatch(chat -> timelines.get(chat).count("TurnQueued") >= keys(chat).size());
        });
    }

    /**
     * Waits until every message sent has ended (or the timeout passed: the checks below then say what is
     * missing), then checks every chat's stream: keyed and gapless, and each message queued once and ended once,
     * in send order. Returns each chat's turns in send order.
     */
    Map<String, List<ChatTimeline.Turn>> awaitEveryMessageEnded(Duration timeout) {
        try {
            await("every message ended").atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> {
                Map<String, ChatTimeline> timelines = timelines();
                return chats.stream().allMatch(chat -> endings(timelines.get(chat)) >= keys(chat).size());
            });
        } catch (ConditionTimeoutException e) {
            // Fall through: the assertions name the messages that are missing or ended twice.
        }
        Map<String, ChatTimeline> timelines = timelines();
        Map<String, List<ChatTimeline.Turn>> turns = new LinkedHashMap<>();
        for (String chat : chats) {
            ChatTimeline timeline = timelines.get(chat);
            timeline.assertKeyedAndGapless();
            turns.put(chat, timeline.assertEachMessageEndsOnceInOrder(keys(chat)));
        }
        settled = turns;
        return turns;
    }

    /**
     * The history API lists each question, then its answer or failure, in send order, as chat.events ended
     * them. Call after {@link #awaitEveryMessageEnded}.
     */
    void assertHistoryShowsEveryQuestionWithItsEnding(String chatId) {
        List<ChatTimeline.Turn> turns = settled.get(chatId);
        await("history of chat " + chatId).atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
            JsonNode history = api.history(chatId);
            assertThat(history).as("history of chat %s", chatId).hasSize(2 * turns.size());
            for (int i = 0; i < turns.size(); i++) {
                ChatTimeline.Turn turn = turns.get(i);
                JsonNode question = history.get(2 * i);
                JsonNode answer = history.get(2 * i + 1);
                assertThat(question.path("role").asText()).isEqualTo("user");
                assertThat(question.path("turnId").asText()).isEqualTo(turn.turnId().toString());
                assertThat(question.path("content").asText()).isEqualTo(text(turn.clientMessageId()));
                assertThat(answer.path("role").asText()).isEqualTo("assistant");
                assertThat(answer.path("turnId").asText()).isEqualTo(turn.turnId().toString());
                if (turn.completed()) {
                    assertThat(answer.path("status").asText()).isEqualTo("complete");
                    assertThat(answer.path("content").asText()).startsWith("Offline answer to");
                } else {
                    TurnFailed failed = turn.ending().envelope().payloadAs(TurnFailed.class);
                    assertThat(answer.path("status").asText()).isEqualTo("failed");
                    assertThat(answer.path("error").asText()).startsWith(failed.reason() + ":");
                }
            }
        });
    }

    private synchronized String text(String key) {
        return textByKey.get(key);
    }

    private static long endings(ChatTimeline timeline) {
        return timeline.events().stream().filter(ChatTimeline.Event::isEnding).count();
    }
}
