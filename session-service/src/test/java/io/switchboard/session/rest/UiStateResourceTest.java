package io.switchboard.session.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.switchboard.infra.Databases;
import io.switchboard.testing.SuperuserDataSource;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;

/** Tabs, active tab, recently closed tabs and last view, per user, shared by the user's devices. */
@QuarkusTest
@WithTestResource(value = SwitchboardInfrastructureResource.class,
        initArgs = @ResourceArg(name = SwitchboardInfrastructureResource.DATABASE, value = Databases.SESSIONS))
class UiStateResourceTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    @ReactiveDataSource(SuperuserDataSource.NAME)
    Pool pool;

    @Test
    void aNewUserHasAnEmptyStateAtVersionZero() {
        String token = freshUser("tenant-ui");
        given().auth().oauth2(token).get("/ui-state")
                .then().statusCode(200).body("version", equalTo(0)).body("openTabs", empty())
                .body("closedTabs", empty()).body("activeChatId", nullValue()).body("lastViewId", nullValue());
    }

    @Test
    void tabsOpenMoveActivateCloseAndRestoreAndASecondDeviceSeesTheSame() {
        String token = freshUser("tenant-ui");
        String project = ViewFixtures.project(token);
        String a = ViewFixtures.chat(token, project, "offline");
        String b = ViewFixtures.chat(token, project, "offline");
        String c = ViewFixtures.chat(token, project, "offline");

        open(token, Map.of("chatId", a)).body("openTabs", contains(a)).body("activeChatId", equalTo(a))
                .body("version", equalTo(1));
        open(token, Map.of("chatId", b, "activate", false)).body("openTabs", contains(a, b))
                .body("activeChatId", equalTo(a));
        open(token, Map.of("chatId", c, "position", 0)).body("openTabs", contains(c, a, b))
                .body("activeChatId", equalTo(c));
        // Opening an open tab again leaves it where it is; with a position it moves there.
        open(token, Map.of("chatId", b)).body("openTabs", contains(c, a, b)).body("activeChatId", equalTo(b));
        open(token, Map.of("chatId", b, "position", 0)).body("openTabs", contains(b, c, a))
                .body("version", equalTo(5));

        call(token).body(Map.of("to", 2)).post("/ui-state/tabs/{chatId}/move", b)
                .then().statusCode(200).body("openTabs", contains(c, a, b));
        call(token).body(Map.of("chatId", a)).put("/ui-state/active-tab")
                .then().statusCode(200).body("activeChatId", equalTo(a));

        // Closing the active tab activates the one that takes its place.
        call(token).delete("/ui-state/tabs/{chatId}", a)
                .then().statusCode(200).body("openTabs", contains(c, b)).body("activeChatId", equalTo(b))
                .body("closedTabs.chatId", contains(a)).body("closedTabs[0].closedAt", notNullValue());
        call(token).delete("/ui-state/tabs/{chatId}", b)
                .then().statusCode(200).body("openTabs", contains(c)).body("activeChatId", equalTo(c))
                .body("closedTabs.chatId", contains(b, a));

        // Restore: the most recently closed by default, or the one named; it comes back last and active.
        call(token).post("/ui-state/closed-tabs/restore")
                .then().statusCode(200).body("openTabs", contains(c, b)).body("activeChatId", equalTo(b))
                .body("closedTabs.chatId", contains(a));
        call(token).body(Map.of("chatId", a)).post("/ui-state/closed-tabs/restore")
                .then().statusCode(200).body("openTabs", contains(c, b, a)).body("closedTabs", empty());
        call(token).body("{\"chatId\":null}").put("/ui-state/active-tab")
                .then().statusCode(200).body("activeChatId", nullValue());

        String view = given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("name", "last"))
                .post("/views").then().statusCode(201).extract().path("id");
        call(token).body(Map.of("viewId", view)).put("/ui-state/last-view")
                .then().statusCode(200).body("lastViewId", equalTo(view)).body("version", equalTo(13));

        // The second device: a fresh read gives exactly the same state.
        JsonPath reread = given().auth().oauth2(token).get("/ui-state").then().statusCode(200).extract().jsonPath();
        assertThat(reread.getList("openTabs", String.class)).containsExactly(c, b, a);
        assertThat(reread.getString("activeChatId")).isNull();
        assertThat(reread.getString("lastViewId")).isEqualTo(view);
        assertThat(reread.getInt("version")).isEqualTo(13);

        // A deleted view stops being the last one.
        given().auth().oauth2(token).header("If-Match", "1").delete("/views/{id}", view).then().statusCode(204);
        given().auth().oauth2(token).get("/ui-state").then().statusCode(200).body("lastViewId", nullValue());
    }

    @Test
    void onlyTheLastClosedTabsAreKept() {
        String token = freshUser("tenant-ui");
        String project = ViewFixtures.project(token);
        List<String> chats = new ArrayList<>();
        for (int i = 0; i < 22; i++) {
            String chat = ViewFixtures.chat(token, project, "offline");
            chats.add(chat);
            open(token, Map.of("chatId", chat));
        }
        for (String chat : chats) {
            call(token).delete("/ui-state/tabs/{chatId}", chat).then().statusCode(200);
        }
        JsonPath state = given().auth().oauth2(token).get("/ui-state").then().statusCode(200).extract().jsonPath();
        assertThat(state.getList("openTabs")).isEmpty();
        assertThat(state.getList("closedTabs.chatId", String.class))
                .hasSize(20).first().isEqualTo(chats.get(21));
        assertThat(state.getList("closedTabs.chatId", String.class)).doesNotContain(chats.get(0), chats.get(1));
        call(token).body(Map.of("chatId", chats.get(0))).post("/ui-state/closed-tabs/restore")
                .then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void anIfMatchMakesAChangeConditionalOnTheVersionRead() {
        String token = freshUser("tenant-ui");
        String project = ViewFixtures.project(token);
        String a = ViewFixtures.chat(token, project, "offline");
        String b = ViewFixtures.chat(token, project, "offline");
        open(token, Map.of("chatId", a));

        call(token).header("If-Match", "1").body(Map.of("chatId", b)).post("/ui-state/tabs")
                .then().statusCode(200).body("version", equalTo(2));
        call(token).header("If-Match", "1").delete("/ui-state/tabs/{chatId}", a)
                .then().statusCode(409).contentType(PROBLEM).body("type", equalTo("urn:switchboard:problem:stale-version"));
        call(token).header("If-Match", "yesterday").delete("/ui-state/tabs/{chatId}", a)
                .then().statusCode(400).contentType(PROBLEM);
        given().auth().oauth2(token).get("/ui-state").then().body("openTabs", contains(a, b)).body("version", equalTo(2));
    }

    @Test
    void aDeletedChatsTabsGoAndItIsNoLongerActive() {
        String token = freshUser("tenant-ui");
        String project = ViewFixtures.project(token);
        String a = ViewFixtures.chat(token, project, "offline");
        String b = ViewFixtures.chat(token, project, "offline");
        String c = ViewFixtures.chat(token, project, "offline");
        open(token, Map.of("chatId", a));
        open(token, Map.of("chatId", b));
        open(token, Map.of("chatId", c));
        call(token).delete("/ui-state/tabs/{chatId}", a).then().statusCode(200);

        ViewFixtures.deleteChatRow(pool, c);
        ViewFixtures.deleteChatRow(pool, a);

        given().auth().oauth2(token).get("/ui-state")
                .then().statusCode(200).body("openTabs", contains(b)).body("activeChatId", nullValue())
                .body("closedTabs", empty());
        open(token, Map.of("chatId", b, "position", 0)).body("openTabs", contains(b)).body("activeChatId", equalTo(b));
        call(token).post("/ui-state/closed-tabs/restore").then().statusCode(409).contentType(PROBLEM);
    }

    @Test
    void badInputIsAProblemAndChangesNothing() {
        String token = freshUser("tenant-ui");
        String project = ViewFixtures.project(token);
        String a = ViewFixtures.chat(token, project, "offline");
        String closed = ViewFixtures.chat(token, project, "offline");
        open(token, Map.of("chatId", a));

        invalid(call(token).body("{\"chatId\":").post("/ui-state/tabs"), 400);
        invalid(call(token).body("{}").post("/ui-state/tabs"), 400).body("violations[0].field", equalTo("chatId"));
        invalid(call(token).body("{\"chatId\":\"nope\"}").post("/ui-state/tabs"), 400);
        invalid(call(token).body(Map.of("chatId", closed, "position", 5)).post("/ui-state/tabs"), 400);
        invalid(call(token).body(Map.of("chatId", closed, "position", -1)).post("/ui-state/tabs"), 400);
        invalid(call(token).body(Map.of("chatId", UUID.randomUUID().toString())).post("/ui-state/tabs"), 404);
        invalid(call(token).delete("/ui-state/tabs/{chatId}", closed), 404);
        invalid(call(token).delete("/ui-state/tabs/{chatId}", "not-a-uuid"), 404);
        invalid(call(token).body(Map.of("to", 1)).post("/ui-state/tabs/{chatId}/move", a), 400);
        invalid(call(token).body(Map.of("to", 0)).post("/ui-state/tabs/{chatId}/move", closed), 404);
        invalid(call(token).body("{}").post("/ui-state/tabs/{chatId}/move", a), 400);
        invalid(call(token).body(Map.of("chatId", closed)).put("/ui-state/active-tab"), 404);
        invalid(call(token).post("/ui-state/closed-tabs/restore"), 409);
        invalid(call(token).body(Map.of("chatId", closed)).post("/ui-state/closed-tabs/restore"), 404);
        invalid(call(token).body(Map.of("viewId", UUID.randomUUID().toString())).put("/ui-state/last-view"), 404);
        invalid(call(token).body("[]").put("/ui-state/last-view"), 400);

        given().auth().oauth2(token).get("/ui-state")
                .then().statusCode(200).body("version", equalTo(1)).body("openTabs", contains(a))
                .body("activeChatId", equalTo(a)).body("closedTabs", empty()).body("lastViewId", nullValue());
    }

    @Test
    void anotherUsersOrTenantsChatsAndViewsAreNotFoundAndTheirStateIsTheirOwn() {
        String alice = freshUser("tenant-ui");
        String bobId = "bob-" + UUID.randomUUID();
        String bob = TestTokens.bearer("tenant-ui", bobId);
        String mallory = freshUser("tenant-elsewhere");
        String project = ViewFixtures.project(alice);
        String a = ViewFixtures.chat(alice, project, "offline");
        String b = ViewFixtures.chat(alice, project, "offline");
        open(alice, Map.of("chatId", a));
        open(alice, Map.of("chatId", b));
        call(alice).delete("/ui-state/tabs/{chatId}", b).then().statusCode(200);
        String view = given().auth().oauth2(alice).contentType(ContentType.JSON).body(Map.of("name", "alice's"))
                .post("/views").then().statusCode(201).extract().path("id");
        call(alice).body(Map.of("viewId", view)).put("/ui-state/last-view").then().statusCode(200);

        // Neither another tenant nor a user of the same tenant outside the project can open a tab on the chat; a
        // member of the project may, but alice's view is hers only.
        invalid(call(mallory).body(Map.of("chatId", a)).post("/ui-state/tabs"), 404);
        invalid(call(mallory).body(Map.of("viewId", view)).put("/ui-state/last-view"), 404);
        invalid(call(bob).body(Map.of("viewId", view)).put("/ui-state/last-view"), 404);
        for (String stranger : List.of(bob, mallory)) {
            given().auth().oauth2(stranger).get("/ui-state").then().statusCode(200).body("openTabs", not(contains(a)))
                    .body("lastViewId", nullValue());
            invalid(call(stranger).delete("/ui-state/tabs/{chatId}", a), 404);
            invalid(call(stranger).body(Map.of("to", 0)).post("/ui-state/tabs/{chatId}/move", a), 404);
            invalid(call(stranger).body(Map.of("chatId", a)).put("/ui-state/active-tab"), 404);
            invalid(call(stranger).body(Map.of("chatId", b)).post("/ui-state/closed-tabs/restore"), 404);
        }
        invalid(call(bob).body(Map.of("chatId", a)).post("/ui-state/tabs"), 404);
        ProjectMembershipTest.share(alice, a, bobId, "viewer");
        open(bob, Map.of("chatId", a)).body("openTabs", hasSize(1));

        given().auth().oauth2(alice).get("/ui-state")
                .then().statusCode(200).body("openTabs", contains(a)).body("closedTabs.chatId", contains(b))
                .body("activeChatId", equalTo(a)).body("lastViewId", equalTo(view)).body("version", equalTo(4));
    }

    @Test
    void tabsOpenedFromTwoDevicesAtOnceAreAllKept() throws Exception {
        String token = freshUser("tenant-ui");
        String project = ViewFixtures.project(token);
        List<String> chats = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            chats.add(ViewFixtures.chat(token, project, "offline"));
        }
        List<Thread> threads = new ArrayList<>();
        Map<String, Integer> statuses = new HashMap<>();
        for (String chat : chats) {
            Thread thread = new Thread(() -> {
                int status = call(token).body(Map.of("chatId", chat)).post("/ui-state/tabs").then().extract().statusCode();
                synchronized (statuses) {
                    statuses.put(chat, status);
                }
            });
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join(60_000);
        }
        assertThat(statuses.values()).hasSize(6).containsOnly(200);
        JsonPath state = given().auth().oauth2(token).get("/ui-state").then().statusCode(200).extract().jsonPath();
        assertThat(state.getList("openTabs", String.class)).containsExactlyInAnyOrderElementsOf(chats);
        assertThat(state.getInt("version")).isEqualTo(6);
    }

    private static String freshUser(String tenant) {
        return TestTokens.bearer(tenant, "user-" + UUID.randomUUID());
    }

    private static ValidatableResponse open(String token, Map<String, Object> tab) {
        return call(token).body(tab).post("/ui-state/tabs").then().statusCode(200);
    }

    private static RequestSpecification call(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    private static ValidatableResponse invalid(Response response, int status) {
        return response.then().statusCode(status).contentType(PROBLEM).body("status", equalTo(status))
                .body("detail", not(containsString("Exception")));
    }
}
