package io.switchboard.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.switchboard.events.Topics;
import io.switchboard.events.command.SendMessage;
import io.switchboard.events.json.EventJson;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.testing.kafka.RawProducer;
import io.switchboard.testing.kafka.RecordCollector;

/**
 * The view, UI-state and client-state routes through the gateway, against {@link SessionServiceStub}: each reaches
 * the matching session-service route with the caller's own token, its If-Match and its body, and the answer comes
 * back as session-service gave it. The rules themselves (versions, sizes, who sees what) are session-service's and
 * tested there; here what the gateway adds: its own checks, problem pass-through and the view broadcast.
 */
@QuarkusTest
@WithTestResource(SwitchboardInfrastructureResource.class)
@WithTestResource(SessionServiceStub.class)
class ViewsGatewayTest {

    private static final String PROBLEM = "application/problem+json";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final String alice = TestTokens.bearer("tenant-a", "alice");

    @ConfigProperty(name = "quarkus.rest-client.session-service.url")
    String sessionService;

    @Test
    void everyViewRouteReachesSessionServiceWithTheCallersTokenVersionAndBody() {
        UUID view = UUID.randomUUID();
        UUID chat = UUID.randomUUID();

        Response created = as(alice).body(Map.of("name", "compare", "layout", "grid", "panes",
                        List.of(Map.of("chatId", chat.toString(), "size", 100))))
                .post("/api/views");
        created.then().statusCode(201)
                .body("method", equalTo("POST")).body("path", equalTo("/views"))
                .body("authorization", equalTo("Bearer " + alice))
                .body("body.name", equalTo("compare")).body("body.layout", equalTo("grid"))
                .body("body.panes[0].chatId", equalTo(chat.toString())).body("body.panes[0].size", equalTo(100))
                .body("body", not(hasKey("syncMode")));
        assertThat(created.header("Location")).endsWith("/api/views/" + created.path("id"));

        forwarded(as(alice).get("/api/views"), "GET", "/views", null);
        forwarded(as(alice).get("/api/views/{id}", view), "GET", "/views/" + view, null);
        forwarded(as(alice).header("If-Match", "3").body(Map.of("name", "renamed", "maxPanes", 6))
                .patch("/api/views/{id}", view), "PATCH", "/views/" + view, "3")
                .body("body.name", equalTo("renamed")).body("body.maxPanes", equalTo(6));
        forwarded(as(alice).header("If-Match", "\"4\"").body(Map.of("chatId", chat.toString(), "position", 0))
                .post("/api/views/{id}/panes", view), "POST", "/views/" + view + "/panes", "\"4\"")
                .body("body.chatId", equalTo(chat.toString())).body("body.position", equalTo(0));
        forwarded(as(alice).header("If-Match", "5").delete("/api/views/{id}/panes/{index}", view, 2),
                "DELETE", "/views/" + view + "/panes/2", "5");
        forwarded(as(alice).header("If-Match", "6").body(Map.of("model", "other-model"))
                .patch("/api/views/{id}/panes/{index}", view, 1), "PATCH", "/views/" + view + "/panes/1", "6")
                .body("body.model", equalTo("other-model"));
        forwarded(as(alice).header("If-Match", "7").body(Map.of("to", 0))
                .post("/api/views/{id}/panes/{index}/move", view, 1), "POST", "/views/" + view + "/panes/1/move", "7")
                .body("body.to", equalTo(0));
        forwarded(as(alice).header("If-Match", "8").body(Map.of("sizes", List.of(30, 70)))
                .put("/api/views/{id}/sizes", view), "PUT", "/views/" + view + "/sizes", "8")
                .body("body.sizes", equalTo(List.of(30, 70)));

        as(alice).header("If-Match", "9").delete("/api/views/{id}", view).then().statusCode(204);
        JsonPath deleted = lastEcho();
        assertThat(deleted.getString("method")).isEqualTo("DELETE");
        assertThat(deleted.getString("path")).isEqualTo("/views/" + view);
        assertThat(deleted.getString("ifMatch")).isEqualTo("9");
        assertThat(deleted.getString("authorization")).isEqualTo("Bearer " + alice);
    }

    @Test
    void everyUiStateAndClientStateRouteReachesSessionService() {
        UUID chat = UUID.randomUUID();
        UUID view = UUID.randomUUID();

        forwarded(as(alice).get("/api/ui-state"), "GET", "/ui-state", null);
        forwarded(as(alice).body(Map.of("chatId", chat.toString(), "position", 1, "activate", false))
                .post("/api/ui-state/tabs"), "POST", "/ui-state/tabs", null)
                .body("body.chatId", equalTo(chat.toString())).body("body.position", equalTo(1))
                .body("body.activate", equalTo(false));
        forwarded(as(alice).header("If-Match", "2").delete("/api/ui-state/tabs/{chatId}", chat),
                "DELETE", "/ui-state/tabs/" + chat, "2");
        forwarded(as(alice).body(Map.of("to", 3)).post("/api/ui-state/tabs/{chatId}/move", chat),
                "POST", "/ui-state/tabs/" + chat + "/move", null).body("body.to", equalTo(3));
        forwarded(as(alice).body("{\"chatId\":null}").put("/api/ui-state/active-tab"),
                "PUT", "/ui-state/active-tab", null).body("body", hasKey("chatId")).body("body.chatId", nullValue());
        forwarded(as(alice).post("/api/ui-state/closed-tabs/restore"), "POST", "/ui-state/closed-tabs/restore", null)
                .body("body.chatId", nullValue());
        forwarded(as(alice).body(Map.of("chatId", chat.toString())).post("/api/ui-state/closed-tabs/restore"),
                "POST", "/ui-state/closed-tabs/restore", null).body("body.chatId", equalTo(chat.toString()));
        forwarded(as(alice).body(Map.of("viewId", view.toString())).put("/api/ui-state/last-view"),
                "PUT", "/ui-state/last-view", null).body("body.viewId", equalTo(view.toString()));

        forwarded(as(alice).get("/api/chats/{chatId}/client-state", chat), "GET", "/chats/" + chat + "/client-state",
                null);
        forwarded(as(alice).header("If-Match", "0").body("{\"draft\":\"half a thought\",\"scroll\":{\"top\":12}}")
                .put("/api/chats/{chatId}/client-state", chat), "PUT", "/chats/" + chat + "/client-state", "0")
                .body("body.draft", equalTo("half a thought")).body("body.scroll.top", equalTo(12));
    }

    @Test
    void sessionServicesProblemsComeThroughAndItsFailuresAreA502() {
        UUID view = UUID.randomUUID();
        as(alice).header("If-Match", "409").body(Map.of("name", "late")).patch("/api/views/{id}", view)
                .then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo("urn:switchboard:problem:stale-version"))
                .body("detail", equalTo("The view is at version 7, not 409"));
        as(alice).header("If-Match", "409").body("{\"draft\":\"\"}").put("/api/chats/{id}/client-state", view)
                .then().statusCode(409).contentType(PROBLEM);
        as(alice).header("If-Match", "500").delete("/api/ui-state/tabs/{chatId}", view)
                .then().statusCode(502).contentType(PROBLEM).body("type", equalTo("urn:switchboard:problem:bad-gateway"))
                .body("detail", not(containsString("10.0.0.7")));
    }

    @Test
    void badInputIsRefusedByTheGatewayAndNeverForwarded() {
        UUID view = UUID.randomUUID();
        as(alice).get("/api/views/{id}", view).then().statusCode(200);
        String marker = lastEcho().getString("id");

        refused(as(alice).body("{\"name\":").post("/api/views"));
        refused(as(alice).body(Map.of("name", "x", "layout", "diagonal")).post("/api/views"))
                .body("violations[0].field", equalTo("layout"));
        refused(as(alice).body(Map.of("name", "x", "syncMode", "echo")).post("/api/views"));
        refused(as(alice).body(Map.of("name", "x", "maxPanes", 10)).post("/api/views"));
        refused(as(alice).body(Map.of("name", "bell\u0007")).post("/api/views")).body("violations[0].field",
                equalTo("name"));
        refused(as(alice).body(Map.of("name", "x", "panes", List.of(Map.of("chatId", "nope")))).post("/api/views"));
        refused(as(alice).body(Map.of("name", "x", "panes", List.of(Map.of("chatId", view.toString(), "size", 5))))
                .post("/api/views"));
        refused(as(alice).header("If-Match", "latest").body(Map.of("name", "x")).patch("/api/views/{id}", view))
                .body("violations[0].field", equalTo("If-Match"));
        refused(as(alice).header("If-Match", "1").body(Map.of("model", "has spaces"))
                .patch("/api/views/{id}/panes/{index}", view, 0));
        refused(as(alice).header("If-Match", "1").body(Map.of("to", -1))
                .post("/api/views/{id}/panes/{index}/move", view, 0));
        refused(as(alice).header("If-Match", "1").body("{\"sizes\":[50,\"fifty\"]}").put("/api/views/{id}/sizes", view));
        refused(as(alice).body(Map.of("position", 0)).post("/api/ui-state/tabs"));
        refused(as(alice).header("If-Match", "1").body("[1,2]").put("/api/chats/{id}/client-state", view));
        refused(as(alice).header("If-Match", "1").body("\"text\"").put("/api/chats/{id}/client-state", view));
        as(alice).get("/api/views/{id}", "not-a-uuid").then().statusCode(404).contentType(PROBLEM);
        as(alice).header("If-Match", "1").delete("/api/views/{id}/panes/{index}", view, "first")
                .then().statusCode(404).contentType(PROBLEM);
        given().get("/api/views").then().statusCode(401);

        assertThat(lastEcho().getString("id")).isEqualTo(marker);
    }

    @Test
    void aBroadcastViewSendsTheMessageToEveryPanesChatWithThePanesModel() {
        try (RawProducer producer = RawProducer.create();
                RecordCollector commands = RecordCollector.fromEnd(Topics.CHAT_COMMANDS)) {
            String left = KnownChats.of(producer, "tenant-a", "offline");
            String right = KnownChats.of(producer, "tenant-a", "offline");
            UUID view = storeView("broadcast", Map.of(left, "model-left", right, "model-right"));

            as(alice).header("Idempotency-Key", "compare-views-1").body(Map.of("text", "same question", "delivery", "now"))
                    .post("/api/views/{id}/broadcast", view)
                    .then().statusCode(202).body("clientMessageId", equalTo("compare-views-1"))
                    .body("messages.chatId", containsInAnyOrder(left, right))
                    .body("messages.model", containsInAnyOrder("model-left", "model-right"));

            List<ConsumerRecord<String, byte[]>> records = commands.awaitRecords(
                    r -> r.key().equals(left) || r.key().equals(right), 2, WAIT);
            Map<String, SendMessage> byChat = records.stream().collect(Collectors.toMap(ConsumerRecord::key,
                    r -> EventJson.fromBytes(r.value()).payloadAs(SendMessage.class), (a, b) -> a));
            Function<String, SendMessage> sent = byChat::get;
            assertThat(sent.apply(left).model()).isEqualTo("model-left");
            assertThat(sent.apply(right).model()).isEqualTo("model-right");
            assertThat(byChat.values()).allSatisfy(message -> {
                assertThat(message.text()).isEqualTo("same question");
                assertThat(message.clientMessageId()).isEqualTo("compare-views-1");
                assertThat(message.userId()).isEqualTo("alice");
            });
        }
    }

    @Test
    void aViewBroadcastIsRefusedWholeForAnIndependentViewAnEmptyOneOrAnotherTenantsChat() {
        try (RawProducer producer = RawProducer.create();
                RecordCollector commands = RecordCollector.fromEnd(Topics.CHAT_COMMANDS)) {
            String mine = KnownChats.of(producer, "tenant-a", "offline");
            String theirs = KnownChats.of(producer, "tenant-b", "offline");

            as(alice).body(Map.of("text", "hi")).post("/api/views/{id}/broadcast",
                    storeView("independent", Map.of(mine, "offline")))
                    .then().statusCode(409).contentType(PROBLEM).body("detail", containsString("independent"));
            as(alice).body(Map.of("text", "hi")).post("/api/views/{id}/broadcast", storeView("broadcast", Map.of()))
                    .then().statusCode(409).contentType(PROBLEM);
            as(alice).body(Map.of("text", "hi")).post("/api/views/{id}/broadcast",
                    storeView("broadcast", Map.of(mine, "offline", theirs, "offline")))
                    .then().statusCode(404).contentType(PROBLEM).body("type", equalTo("urn:switchboard:problem:not-found"));
            as(alice).body(Map.of("text", " ")).post("/api/views/{id}/broadcast",
                    storeView("broadcast", Map.of(mine, "offline")))
                    .then().statusCode(400).contentType(PROBLEM).body("violations[0].field", equalTo("text"));

            // A marker sent afterwards to the caller's own chat: once it arrives, a broadcast record would have too.
            as(alice).post("/api/chats/{id}/stop", mine).then().statusCode(202);
            commands.awaitRecord(r -> r.key().equals(mine), WAIT);
            assertThat(commands.records()).filteredOn(r -> r.key().equals(mine) || r.key().equals(theirs))
                    .extracting(r -> EventJson.fromBytes(r.value()).type()).containsExactly("StopTurn");
        }
    }

    @Test
    void theOpenApiDocumentDescribesTheNewRoutes() {
        given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200)
                .body("paths.'/api/views'.post.summary", equalTo("Create a view"))
                .body("paths.'/api/views/{viewId}'", hasKey("patch"))
                .body("paths.'/api/views/{viewId}/panes/{index}'", hasKey("delete"))
                .body("paths.'/api/views/{viewId}/sizes'", hasKey("put"))
                .body("paths.'/api/views/{viewId}/broadcast'.post.responses", hasKey("202"))
                .body("paths.'/api/ui-state/closed-tabs/restore'", hasKey("post"))
                .body("paths.'/api/chats/{chatId}/client-state'", hasKey("put"))
                .body("paths.'/api/views/{viewId}'.patch.responses.'409'.'$ref'",
                        equalTo("#/components/responses/Conflict"));
    }

    /** Stores a view in the stub, as session-service would answer it, and returns its id. */
    private UUID storeView(String syncMode, Map<String, String> paneModels) {
        UUID id = UUID.randomUUID();
        List<Map<String, Object>> panes = paneModels.entrySet().stream()
                .map(pane -> Map.<String, Object>of("chatId", pane.getKey(), "model", pane.getValue(), "size", 50))
                .toList();
        given().baseUri(sessionService).contentType(ContentType.JSON)
                .body(Map.of("id", id.toString(), "name", "stored", "syncMode", syncMode, "version", 1, "panes", panes))
                .put("/_stub/views/{id}", id).then().statusCode(204);
        return id;
    }

    private JsonPath lastEcho() {
        return given().baseUri(sessionService).get("/_stub/last").then().statusCode(200).extract().jsonPath();
    }

    private ValidatableResponse forwarded(Response response, String method, String path,
            String ifMatch) {
        return response.then().statusCode(200)
                .body("method", equalTo(method)).body("path", equalTo(path)).body("ifMatch", equalTo(ifMatch))
                .body("authorization", equalTo("Bearer " + alice));
    }

    private static ValidatableResponse refused(Response response) {
        return response.then().statusCode(400).contentType(PROBLEM).body("status", equalTo(400));
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }
}
