package io.switchboard.launcher;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.switchboard.events.Envelope;
import io.switchboard.events.Topics;
import io.switchboard.events.chat.TurnCompleted;
import io.switchboard.events.chat.TurnFailed;
import io.switchboard.events.chat.TurnQueued;
import io.switchboard.events.json.EventJson;
import io.switchboard.testing.kafka.RecordCollector;

/**
 * The view, UI-state and client-state routes through the gateway against the real session-service, and the view
 * broadcast against the real chat-service: what the gateway's own JVM, where no session-service runs, cannot show.
 * Each test has its own user, so that UI state and versions start from nothing whatever ran before.
 */
class ViewsIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String PROBLEM = "application/problem+json";
    private static final String TENANT = "tenant-views";
    /** No provider is configured in the test stack, so chat-service knows only "offline" and fails this one. */
    private static final String UNCONFIGURED_MODEL = "not-configured";

    private static Stack stack;
    private static String mallory;

    @BeforeAll
    static void startStack() {
        stack = TestStacks.shared();
        mallory = stack.token("tenant-elsewhere", "mallory", Duration.ofHours(1));
    }

    @Test
    void aViewIsCreatedChangedAndDeletedVersionByVersion() {
        String alice = user();
        String project = api(alice).createProject("views");
        String a = api(alice).createChat(project, "a");
        String b = api(alice).createChat(project, "b");
        String c = api(alice).createChat(project, "c");

        ValidatableResponse created = as(alice).body(Map.of("name", "compare", "layout", "grid",
                        "panes", List.of(Map.of("chatId", a), Map.of("chatId", b))))
                .post("/api/views").then().statusCode(201)
                .body("name", equalTo("compare")).body("layout", equalTo("grid"))
                .body("syncMode", equalTo("independent")).body("maxPanes", equalTo(4)).body("version", equalTo(1))
                .body("panes.chatId", contains(a, b)).body("panes.index", contains(0, 1))
                .body("panes.size", contains(50, 50)).body("panes.model", contains("offline", "offline"));
        String view = created.extract().path("id");
        assertThat(created.extract().header("Location")).endsWith("/api/views/" + view);

        as(alice).get("/api/views").then().statusCode(200).body("id", contains(view))
                .body("[0].panes.chatId", contains(a, b));
        as(alice).get("/api/views/{id}", view).then().statusCode(200).body("name", equalTo("compare"));

        int version = next(as(alice).header("If-Match", "1").body(Map.of("name", "renamed", "maxPanes", 3))
                .patch("/api/views/{id}", view), 1).body("name", equalTo("renamed")).body("maxPanes", equalTo(3))
                .body("layout", equalTo("grid")).extract().path("version");

        // A change without a version could overwrite what the caller never saw; one with an old version is late.
        as(alice).body(Map.of("name", "blind")).patch("/api/views/{id}", view)
                .then().statusCode(428).contentType(PROBLEM)
                .body("type", equalTo("urn:switchboard:problem:version-required"));
        as(alice).header("If-Match", "1").body(Map.of("name", "late")).patch("/api/views/{id}", view)
                .then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo("urn:switchboard:problem:stale-version"));
        as(alice).header("If-Match", "1").body(Map.of("chatId", c)).post("/api/views/{id}/panes", view)
                .then().statusCode(409).body("type", equalTo("urn:switchboard:problem:stale-version"));
        as(alice).body(Map.of("sizes", List.of(50, 50))).put("/api/views/{id}/sizes", view)
                .then().statusCode(428).contentType(PROBLEM);

        // The entity-tag form of If-Match is as good as the bare number.
        version = next(as(alice).header("If-Match", "\"" + version + "\"").body(Map.of("chatId", c, "position", 0))
                .post("/api/views/{id}/panes", view), version)
                .body("panes.chatId", contains(c, a, b)).body("panes.size.sum()", equalTo(100))
                .extract().path("version");
        as(alice).header("If-Match", version).body(Map.of("chatId", a)).post("/api/views/{id}/panes", view)
                .then().statusCode(409).contentType(PROBLEM);

        version = next(as(alice).header("If-Match", version).body(Map.of("sizes", List.of(20, 30, 50)))
                .put("/api/views/{id}/sizes", view), version)
                .body("panes.size", contains(20, 30, 50)).extract().path("version");
        as(alice).header("If-Match", version).body(Map.of("sizes", List.of(5, 45, 50)))
                .put("/api/views/{id}/sizes", view).then().statusCode(400).contentType(PROBLEM);

        version = next(as(alice).header("If-Match", version).body(Map.of("to", 2))
                .post("/api/views/{id}/panes/{index}/move", view, 0), version)
                .body("panes.chatId", contains(a, b, c)).body("panes.size", contains(30, 50, 20))
                .extract().path("version");

        version = next(as(alice).header("If-Match", version).body(Map.of("model", "other-model"))
                .patch("/api/views/{id}/panes/{index}", view, 1), version)
                .body("panes.model", contains("offline", "other-model", "offline")).extract().path("version");

        // The first pane's size goes to the one after it.
        version = next(as(alice).header("If-Match", version).delete("/api/views/{id}/panes/{index}", view, 0), version)
                .body("panes.chatId", contains(b, c)).body("panes.index", contains(0, 1))
                .body("panes.size", contains(80, 20)).extract().path("version");
        as(alice).header("If-Match", version).delete("/api/views/{id}/panes/{index}", view, 5)
                .then().statusCode(404).contentType(PROBLEM);

        as(alice).delete("/api/views/{id}", view).then().statusCode(428).contentType(PROBLEM);
        as(alice).header("If-Match", version - 1).delete("/api/views/{id}", view)
                .then().statusCode(409).contentType(PROBLEM);
        as(alice).header("If-Match", version).delete("/api/views/{id}", view).then().statusCode(204);
        as(alice).get("/api/views/{id}", view).then().statusCode(404).contentType(PROBLEM);
        as(alice).get("/api/views").then().statusCode(200).body("$", empty());
    }

    @Test
    void tabsOpenCloseMoveAndRestoreAndTheLastViewIsRemembered() {
        String alice = user();
        String project = api(alice).createProject("tabs");
        String a = api(alice).createChat(project, "a");
        String b = api(alice).createChat(project, "b");
        String c = api(alice).createChat(project, "c");

        as(alice).get("/api/ui-state").then().statusCode(200).body("version", equalTo(0))
                .body("openTabs", empty()).body("activeChatId", nullValue()).body("closedTabs", empty())
                .body("lastViewId", nullValue());

        next(as(alice).body(Map.of("chatId", a)).post("/api/ui-state/tabs"), 0)
                .body("openTabs", contains(a)).body("activeChatId", equalTo(a));
        next(as(alice).body(Map.of("chatId", b, "activate", false)).post("/api/ui-state/tabs"), 1)
                .body("openTabs", contains(a, b)).body("activeChatId", equalTo(a));
        next(as(alice).body(Map.of("chatId", c, "position", 0)).post("/api/ui-state/tabs"), 2)
                .body("openTabs", contains(c, a, b)).body("activeChatId", equalTo(c));
        next(as(alice).body(Map.of("to", 0)).post("/api/ui-state/tabs/{chatId}/move", b), 3)
                .body("openTabs", contains(b, c, a));
        next(as(alice).body(Map.of("chatId", a)).put("/api/ui-state/active-tab"), 4)
                .body("activeChatId", equalTo(a));

        // Closing the active last tab makes the one before it active.
        next(as(alice).delete("/api/ui-state/tabs/{chatId}", a), 5)
                .body("openTabs", contains(b, c)).body("activeChatId", equalTo(c))
                .body("closedTabs.chatId", contains(a));
        as(alice).header("If-Match", "5").delete("/api/ui-state/tabs/{chatId}", b)
                .then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo("urn:switchboard:problem:stale-version"));
        next(as(alice).header("If-Match", "6").delete("/api/ui-state/tabs/{chatId}", b), 6)
                .body("openTabs", contains(c)).body("closedTabs.chatId", contains(b, a));
        as(alice).delete("/api/ui-state/tabs/{chatId}", b).then().statusCode(404).contentType(PROBLEM);

        // Without a body the most recently closed tab comes back, last and active.
        next(as(alice).post("/api/ui-state/closed-tabs/restore"), 7)
                .body("openTabs", contains(c, b)).body("activeChatId", equalTo(b))
                .body("closedTabs.chatId", contains(a));
        next(as(alice).body(Map.of("chatId", a)).post("/api/ui-state/closed-tabs/restore"), 8)
                .body("openTabs", contains(c, b, a)).body("activeChatId", equalTo(a)).body("closedTabs", empty());
        as(alice).post("/api/ui-state/closed-tabs/restore").then().statusCode(409).contentType(PROBLEM);
        next(as(alice).body("{\"chatId\":null}").put("/api/ui-state/active-tab"), 9)
                .body("activeChatId", nullValue());

        String view = as(alice).body(Map.of("name", "last")).post("/api/views").then().statusCode(201)
                .extract().path("id");
        next(as(alice).body(Map.of("viewId", view)).put("/api/ui-state/last-view"), 10)
                .body("lastViewId", equalTo(view));
        as(alice).get("/api/ui-state").then().statusCode(200).body("version", equalTo(11))
                .body("openTabs", contains(c, b, a)).body("lastViewId", equalTo(view));
        // A deleted view stops being the last one.
        as(alice).header("If-Match", "1").delete("/api/views/{id}", view).then().statusCode(204);
        as(alice).get("/api/ui-state").then().statusCode(200).body("lastViewId", nullValue());

        // UI state is per user: another user of the tenant has none of it.
        as(user()).get("/api/ui-state").then().statusCode(200).body("version", equalTo(0)).body("openTabs", empty());
    }

    @Test
    void aChatsClientStateIsVersionedAndPerUser() {
        String alice = user();
        String chat = api(alice).createChat(api(alice).createProject("client state"), "drafts");

        as(alice).get("/api/chats/{id}/client-state", chat).then().statusCode(200)
                .body("chatId", equalTo(chat)).body("version", equalTo(0)).body("state", equalTo(Map.of()));
        as(alice).body("{\"draft\":\"half a thought\"}").put("/api/chats/{id}/client-state", chat)
                .then().statusCode(428).contentType(PROBLEM)
                .body("type", equalTo("urn:switchboard:problem:version-required"));
        next(as(alice).header("If-Match", "0").body("{\"draft\":\"half a thought\",\"scroll\":{\"top\":12}}")
                .put("/api/chats/{id}/client-state", chat), 0)
                .body("state.draft", equalTo("half a thought")).body("state.scroll.top", equalTo(12));
        as(alice).header("If-Match", "0").body("{\"draft\":\"from another device\"}")
                .put("/api/chats/{id}/client-state", chat).then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo("urn:switchboard:problem:stale-version"));
        as(alice).header("If-Match", "1").body(Map.of("draft", "x".repeat(17 * 1024)))
                .put("/api/chats/{id}/client-state", chat).then().statusCode(413).contentType(PROBLEM)
                .body("type", equalTo("urn:switchboard:problem:client-state-too-large"));
        // The body is the whole document: what the new one leaves out is gone.
        next(as(alice).header("If-Match", "\"1\"").body("{\"openFiles\":[\"README.md\"]}")
                .put("/api/chats/{id}/client-state", chat), 1)
                .body("state.openFiles", contains("README.md")).body("state.draft", nullValue());
        as(alice).get("/api/chats/{id}/client-state", chat).then().statusCode(200).body("version", equalTo(2))
                .body("state.openFiles", contains("README.md"));

        // Another user of the tenant finds the chat only as a member of its project, and then has a state of
        // their own.
        String bobId = "user-" + UUID.randomUUID();
        String bob = stack.token(TENANT, bobId, Duration.ofHours(1));
        as(bob).get("/api/chats/{id}/client-state", chat).then().statusCode(404).contentType(PROBLEM);
        String project = as(alice).get("/api/chats/{id}", chat).then().extract().path("projectId");
        as(alice).body("{\"role\":\"viewer\"}").put("/api/projects/{id}/members/{user}", project, bobId)
                .then().statusCode(200);
        as(bob).get("/api/chats/{id}/client-state", chat).then().statusCode(200)
                .body("version", equalTo(0)).body("state", equalTo(Map.of()));
    }

    @Test
    void anotherTenantCanNeitherSeeNorChangeAViewOrAClientState() {
        String alice = user();
        String chat = api(alice).createChat(api(alice).createProject("private views"), "private");
        String view = as(alice).body(Map.of("name", "mine", "panes", List.of(Map.of("chatId", chat))))
                .post("/api/views").then().statusCode(201).extract().path("id");
        as(alice).header("If-Match", "0").body("{\"draft\":\"secret\"}").put("/api/chats/{id}/client-state", chat)
                .then().statusCode(200);

        as(mallory).get("/api/views/{id}", view).then().statusCode(404).contentType(PROBLEM)
                .body("type", equalTo("urn:switchboard:problem:not-found"));
        as(mallory).header("If-Match", "1").body(Map.of("name", "theirs")).patch("/api/views/{id}", view)
                .then().statusCode(404).contentType(PROBLEM);
        as(mallory).header("If-Match", "1").delete("/api/views/{id}", view).then().statusCode(404);
        as(mallory).body(Map.of("text", "hi")).post("/api/views/{id}/broadcast", view).then().statusCode(404);
        as(mallory).get("/api/views").then().statusCode(200).body("id", not(hasItem(view)));
        // Nor can another tenant's chat go into a view or a tab.
        as(mallory).body(Map.of("name", "borrowed", "panes", List.of(Map.of("chatId", chat)))).post("/api/views")
                .then().statusCode(404).contentType(PROBLEM);
        as(mallory).body(Map.of("chatId", chat)).post("/api/ui-state/tabs").then().statusCode(404).contentType(PROBLEM);

        as(mallory).get("/api/chats/{id}/client-state", chat).then().statusCode(404).contentType(PROBLEM)
                .body("type", equalTo("urn:switchboard:problem:not-found"));
        // Version 0 would be a first write: only the tenant check can refuse it.
        as(mallory).header("If-Match", "0").body("{\"draft\":\"overwritten\"}")
                .put("/api/chats/{id}/client-state", chat)
                .then().statusCode(404).contentType(PROBLEM);

        as(alice).get("/api/views/{id}", view).then().statusCode(200).body("name", equalTo("mine"))
                .body("version", equalTo(1));
        as(alice).get("/api/chats/{id}/client-state", chat).then().statusCode(200)
                .body("version", equalTo(1)).body("state.draft", equalTo("secret"));
    }

    @Test
    void deletingAChatTakesItsPaneTabAndClientStateWithIt() {
        String alice = user();
        String project = api(alice).createProject("delete");
        String kept = api(alice).createChat(project, "kept");
        String doomed = api(alice).createChat(project, "doomed");

        String view = as(alice).body(Map.of("name", "pair", "panes", List.of(
                        Map.of("chatId", doomed, "size", 30), Map.of("chatId", kept, "size", 70))))
                .post("/api/views").then().statusCode(201).extract().path("id");
        as(alice).body(Map.of("chatId", kept)).post("/api/ui-state/tabs").then().statusCode(200);
        as(alice).body(Map.of("chatId", doomed)).post("/api/ui-state/tabs").then().statusCode(200)
                .body("openTabs", contains(kept, doomed)).body("activeChatId", equalTo(doomed));
        as(alice).header("If-Match", "0").body("{\"draft\":\"never sent\"}")
                .put("/api/chats/{id}/client-state", doomed).then().statusCode(200);

        as(alice).delete("/api/chats/{id}", doomed).then().statusCode(204);

        // The pane goes in the delete's own transaction: the view has moved on when the 204 arrives.
        as(alice).get("/api/views/{id}", view).then().statusCode(200)
                .body("version", equalTo(2)).body("panes.chatId", contains(kept)).body("panes.size", contains(100));
        as(alice).get("/api/ui-state").then().statusCode(200)
                .body("openTabs", contains(kept)).body("activeChatId", nullValue())
                .body("closedTabs.chatId", not(hasItem(doomed)));
        as(alice).get("/api/chats/{id}/client-state", doomed).then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void aBroadcastViewAsksEveryPanesChatWithThePanesModel() {
        String alice = user();
        String project = api(alice).createProject("view broadcast");
        String left = api(alice).createChat(project, "left");
        String right = api(alice).createChat(project, "right");
        String view = as(alice).body(Map.of("name", "compare", "syncMode", "broadcast", "panes", List.of(
                        Map.of("chatId", left, "model", "offline"),
                        Map.of("chatId", right, "model", UNCONFIGURED_MODEL))))
                .post("/api/views").then().statusCode(201).extract().path("id");
        String key = "compare-" + UUID.randomUUID();

        try (RecordCollector events = RecordCollector.start(stack.infra().bootstrapServers(), Topics.CHAT_EVENTS,
                false)) {
            as(alice).header("Idempotency-Key", key).body(Map.of("text", "same question"))
                    .post("/api/views/{id}/broadcast", view)
                    .then().statusCode(202).body("clientMessageId", equalTo(key))
                    .body("messages.chatId", containsInAnyOrder(left, right))
                    .body("messages.model", containsInAnyOrder("offline", UNCONFIGURED_MODEL));

            TurnQueued leftQueued = queued(events, left);
            TurnQueued rightQueued = queued(events, right);
            assertThat(List.of(leftQueued, rightQueued)).allSatisfy(turn -> {
                assertThat(turn.text()).isEqualTo("same question");
                assertThat(turn.clientMessageId()).isEqualTo(key);
            });
            assertThat(leftQueued.model()).isEqualTo("offline");
            assertThat(rightQueued.model()).isEqualTo(UNCONFIGURED_MODEL);

            // Each chat is answered by its pane's model: the offline one answers, the unconfigured one cannot.
            events.awaitRecord(r -> left.equals(r.key())
                    && EventJson.fromBytes(r.value()).payload() instanceof TurnCompleted, WAIT);
            Envelope failed = EventJson.fromBytes(events.awaitRecord(r -> right.equals(r.key())
                    && EventJson.fromBytes(r.value()).payload() instanceof TurnFailed, WAIT).value());
            assertThat(((TurnFailed) failed.payload()).reason()).isEqualTo("unknown_model");
        }
        await().atMost(WAIT).untilAsserted(() -> as(alice).get("/api/chats/{id}/messages", left)
                .then().statusCode(200).body("role", contains("user", "assistant"))
                .body("[0].content", equalTo("same question")).body("[0].model", equalTo("offline"))
                .body("[1].content", startsWith("Offline answer to")));
    }

    @Test
    void aViewBroadcastIsRefusedWholeUnlessTheViewBroadcastsToAPane() {
        String alice = user();
        String project = api(alice).createProject("refused broadcast");
        String chat = api(alice).createChat(project, "quiet");
        String independent = as(alice).body(Map.of("name", "independent", "panes", List.of(Map.of("chatId", chat))))
                .post("/api/views").then().statusCode(201).extract().path("id");
        String empty = as(alice).body(Map.of("name", "empty", "syncMode", "broadcast")).post("/api/views")
                .then().statusCode(201).extract().path("id");

        try (RecordCollector events = RecordCollector.start(stack.infra().bootstrapServers(), Topics.CHAT_EVENTS,
                false)) {
            as(alice).body(Map.of("text", "refused")).post("/api/views/{id}/broadcast", independent)
                    .then().statusCode(409).contentType(PROBLEM)
                    .body("detail", containsString("independent"));
            as(alice).body(Map.of("text", "refused")).post("/api/views/{id}/broadcast", empty)
                    .then().statusCode(409).contentType(PROBLEM);
            as(alice).body(Map.of("text", "refused")).post("/api/views/{id}/broadcast", UUID.randomUUID())
                    .then().statusCode(404).contentType(PROBLEM);

            // A message sent afterwards: once its turn is queued, a refused broadcast's would have been too.
            as(alice).header("Idempotency-Key", "marker").body(Map.of("text", "marker"))
                    .post("/api/chats/{id}/messages", chat).then().statusCode(202);
            queued(events, chat);
            assertThat(events.records()).filteredOn(r -> chat.equals(r.key()))
                    .map(r -> EventJson.fromBytes(r.value()).payload())
                    .filteredOn(TurnQueued.class::isInstance)
                    .extracting(payload -> ((TurnQueued) payload).text()).containsExactly("marker");
        }
    }

    /** The first TurnQueued of the chat, waited for. */
    private static TurnQueued queued(RecordCollector events, String chat) {
        return (TurnQueued) EventJson.fromBytes(events.awaitRecord(r -> chat.equals(r.key())
                && EventJson.fromBytes(r.value()).payload() instanceof TurnQueued, WAIT).value()).payload();
    }

    /** A successful change: the whole resource at the version after {@code read}. */
    private static ValidatableResponse next(Response response, int read) {
        return response.then().statusCode(200).body("version", equalTo(read + 1));
    }

    /** A token for a user of its own, so that their UI state starts empty. */
    private static String user() {
        return stack.token(TENANT, "user-" + UUID.randomUUID(), Duration.ofHours(1));
    }

    private static ChatApi api(String token) {
        return new ChatApi(stack.gatewayUrl(), token);
    }

    private static RequestSpecification as(String token) {
        return given().baseUri(stack.gatewayUrl()).auth().oauth2(token).contentType(ContentType.JSON);
    }
}
