package io.switchboard.launcher;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.restassured.http.ContentType;
import io.switchboard.events.Topics;
import io.switchboard.testing.kafka.RecordCollector;

/**
 * The Kafka broker, then PostgreSQL, restarted while chats of two tenants stream answers: every accepted message
 * ends exactly once (answered, or with a visible failure), each chat's seqs stay gapless, no consumer stays
 * stopped (messages sent after the restart are answered and the history shows every message), and nothing of one
 * tenant reaches another; last, everything stops and starts again on the same data, and chats and messages are
 * still there. On the shared stack (which keeps its data, so its servers can restart), with its chat-service
 * swapped for one that gives sends up sooner; the restart of everything brings the stack's own back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InfrastructureRestartIT {

    private static final Duration DOWN = Duration.ofSeconds(3);
    /** chat-service's producer gives a record up after this; the long outage below outlasts it. */
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(4);
    private static final Duration LONG_DOWN = Duration.ofSeconds(12);
    /** Answers stream at 4 words a second: 40 words outlast a short restart. */
    private static final int WORDS = 40;
    /**
     * Long enough that the answers still stream when the broker comes back, however slowly it stops: with nothing
     * to send while it is down there would be no failed send to retry.
     */
    private static final int WORDS_OUTLASTING_LONG_DOWN = 4 * (int) LONG_DOWN.plusSeconds(20).toSeconds();

    private static Stack stack;
    private static ServiceProcess chatService;
    private static List<ChatApi> tenants;

    @BeforeAll
    static void startStack() {
        stack = TestStacks.shared();
        // The stack's own stops, so the one with short timeouts runs every chat: cheaper than a stack of its own,
        // whose start initialises PostgreSQL and Kafka and starts four services, for two settings.
        CompletableFuture<Integer> stopping = CompletableFuture.supplyAsync(stack.service(ServiceName.CHAT)::stop);
        chatService = stack.startExtra(ServiceName.CHAT, Map.of(
                "SWITCHBOARD_EVENTS_REQUEST_TIMEOUT_MS", "2000",
                "SWITCHBOARD_EVENTS_DELIVERY_TIMEOUT_MS", Long.toString(DELIVERY_TIMEOUT.toMillis())));
        stopping.join();
        tenants = List.of(
                new ChatApi(stack.gatewayUrl(), stack.token("tenant-faults-a", "ann", Duration.ofHours(1))),
                new ChatApi(stack.gatewayUrl(), stack.token("tenant-faults-b", "ben", Duration.ofHours(1))));
    }

    /** Other tests share the stack: back to its own chat-service, if the restart of everything did not run. */
    @AfterAll
    static void backToTheStacksChatService() {
        if (chatService != null && chatService.isAlive()) {
            chatService.stop();
        }
        if (!stack.service(ServiceName.CHAT).isAlive()) {
            stack.restart(ServiceName.CHAT);
        }
    }

    @Test
    void aBrokerRestartInTheMiddleOfStreamingLosesNothing() {
        survives("kafka", WORDS, () -> stack.infra().restartKafka(DOWN));
    }

    /**
     * Down for longer than chat-service's producer waits: its sends fail, and each goes out again with its seq
     * once the broker is back, so no chat's stream has a gap and no turn is left unannounced.
     */
    @Test
    void aBrokerOutageLongerThanTheDeliveryTimeoutLeavesNoGap() {
        double retriesBefore = publishRetries();
        Duration restart = survives("kafka-long", WORDS_OUTLASTING_LONG_DOWN,
                () -> stack.infra().restartKafka(LONG_DOWN));
        assertThat(publishRetries())
                .as("chat-service sent events again after the broker refused them (the restart took %s)", restart)
                .isGreaterThan(retriesBefore);
    }

    @Test
    void aDatabaseRestartInTheMiddleOfStreamingLosesNothing() {
        survives("postgres", WORDS, () -> stack.infra().restartPostgres(DOWN));
    }

    /** Everything stopped and started again on the same data: last, since it replaces the stack. */
    @Test
    @Order(Integer.MAX_VALUE)
    void chatsAndMessagesSurviveARestartOfEverything() {
        String token = stack.token("tenant-restart", "bob", Duration.ofHours(1));
        String projectId = given().baseUri(stack.gatewayUrl()).auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"name\":\"durable\"}").post("/api/projects").then().statusCode(201).extract().path("id");
        String chatId = given().baseUri(stack.gatewayUrl()).auth().oauth2(token).contentType(ContentType.JSON)
                .body("{}").post("/api/projects/{id}/chats", projectId).then().statusCode(201).extract().path("id");
        send(token, chatId, "remember me");
        awaitMessages(token, chatId, 2);

        stack = TestStacks.restartShared();

        given().baseUri(stack.gatewayUrl()).auth().oauth2(token).get("/api/chats/{id}", chatId)
                .then().statusCode(200).body("id", equalTo(chatId));
        assertThat(awaitMessages(token, chatId, 2).get(0)).isEqualTo("remember me");
        send(token, chatId, "and continue");
        awaitMessages(token, chatId, 4);
        List<Integer> seqs = given().baseUri(stack.gatewayUrl()).auth().oauth2(token)
                .get("/api/chats/{id}/messages", chatId).then().extract().path("seq");
        assertThat(seqs).as("the chat's stream numbering continues after the restart").isSorted()
                .doesNotHaveDuplicates();
    }

    private static void send(String token, String chatId, String text) {
        given().baseUri(stack.gatewayUrl()).auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"text\":\"" + text + "\"}").post("/api/chats/{id}/messages", chatId)
                .then().statusCode(202);
    }

    private static List<String> awaitMessages(String token, String chatId, int count) {
        await().atMost(Duration.ofSeconds(60)).until(() -> given().baseUri(stack.gatewayUrl()).auth().oauth2(token)
                .get("/api/chats/{id}/messages", chatId).then().extract().<List<Object>>path("").size() == count);
        return given().baseUri(stack.gatewayUrl()).auth().oauth2(token)
                .get("/api/chats/{id}/messages", chatId).then().extract().path("content");
    }

    private static double publishRetries() {
        String metrics = given().baseUri(chatService.managementUrl()).get("/q/metrics").asString();
        Matcher count = Pattern.compile("(?m)^switchboard_chat_events_publish_retries_total(?:\\{[^}]*})? (\\S+)$")
                .matcher(metrics);
        return count.find() ? Double.parseDouble(count.group(1)) : 0;
    }

    /** Runs the scenario around {@code restart} and answers how long the restart took. */
    private Duration survives(String fault, int words, Runnable restart) {
        List<FailureScenario> scenarios = new ArrayList<>();
        try (RecordCollector events = RecordCollector.start(stack.infra().bootstrapServers(), Topics.CHAT_EVENTS,
                false)) {
            for (ChatApi api : tenants) {
                String project = api.createProject(fault);
                List<String> chats = List.of(api.createChat(project, fault + " 1"),
                        api.createChat(project, fault + " 2"));
                FailureScenario scenario = new FailureScenario(api, events, chats);
                scenario.sendToEach(chats, "streaming", chat -> FailureScenario.slowQuestion(chat, words));
                scenario.sendToEach(chats, "queued", chat -> FailureScenario.quickQuestion("queued behind it"));
                scenarios.add(scenario);
            }
            scenarios.forEach(scenario -> scenario.awaitStreaming(scenario.chats()));

            long restartStarted = System.nanoTime();
            restart.run();
            Duration restartTook = Duration.ofNanos(System.nanoTime() - restartStarted);

            scenarios.forEach(scenario -> scenario.sendToEach(scenario.chats(), "after",
                    chat -> FailureScenario.quickQuestion("asked after the " + fault + " restart")));
            for (FailureScenario scenario : scenarios) {
                Map<String, List<ChatTimeline.Turn>> turns = scenario.awaitEveryMessageEnded(Duration.ofMinutes(3));
                turns.forEach((chat, chatTurns) -> {
                    ChatTimeline.Turn after = chatTurns.get(chatTurns.size() - 1);
                    assertThat(after.completed()).as("chat %s: the message sent after the %s restart ends as %s",
                            chat, fault, after.describeEnding()).isTrue();
                });
                scenario.chats().forEach(scenario::assertHistoryShowsEveryQuestionWithItsEnding);
            }
            assertThat(scenarios.get(0).chats()).doesNotContainAnyElementsOf(scenarios.get(1).chats());
            return restartTook;
        }
    }
}
