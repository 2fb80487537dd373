package io.switchboard.session.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

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

@QuarkusTest
@WithTestResource(value = SwitchboardInfrastructureResource.class,
        initArgs = @ResourceArg(name = SwitchboardInfrastructureResource.DATABASE, value = Databases.SESSIONS))
class ViewsResourceTest {

    private static final String PROBLEM = "application/problem+json";

    private final String alice = TestTokens.bearer("tenant-views", "alice");
    private final String bob = TestTokens.bearer("tenant-views", "bob");
    private final String mallory = TestTokens.bearer("tenant-other", "mallory");

    @Inject
    @ReactiveDataSource(SuperuserDataSource.NAME)
    Pool pool;

    @Test
    void aViewIsCreatedWithDefaultsListedReadChangedAndDeleted() {
        String project = ViewFixtures.project(alice);
        String left = ViewFixtures.chat(alice, project, "offline");
        String right = ViewFixtures.chat(alice, project, "model-b");

        String bare = given().auth().oauth2(alice).contentType(ContentType.JSON).body(Map.of("name", "  empty  "))
                .post("/views")
                .then().statusCode(201).header("Location", containsString("/views/"))
                .body("name", equalTo("empty")).body("layout", equalTo("horizontal"))
                .body("syncMode", equalTo("independent")).body("maxPanes", equalTo(4))
                .body("version", equalTo(1)).body("panes", empty())
                .extract().path("id");
        String compare = given().auth().oauth2(alice).contentType(ContentType.JSON)
                .body(Map.of("name", "compare", "layout", "grid", "syncMode", "broadcast", "maxPanes", 6,
                        "panes", List.of(Map.of("chatId", left), Map.of("chatId", right, "model", "model-c"))))
                .post("/views")
                .then().statusCode(201)
                .body("layout", equalTo("grid")).body("syncMode", equalTo("broadcast")).body("maxPanes", equalTo(6))
                .body("panes.index", contains(0, 1)).body("panes.chatId", contains(left, right))
                .body("panes.model", contains("offline", "model-c")).body("panes.size", contains(50, 50))
                .extract().path("id");

        given().auth().oauth2(alice).get("/views")
                .then().statusCode(200).body("id", hasItem(bare)).body("id", hasItem(compare))
                .body("find { it.id == '" + compare + "' }.panes.chatId", contains(left, right));
        ViewFixtures.view(alice, compare);

        given().auth().oauth2(alice).contentType(ContentType.JSON).header("If-Match", "1")
                .body(Map.of("name", "renamed", "layout", "vertical", "syncMode", "independent", "maxPanes", 9))
                .patch("/views/{id}", compare)
                .then().statusCode(200).body("name", equalTo("renamed")).body("layout", equalTo("vertical"))
                .body("syncMode", equalTo("independent")).body("maxPanes", equalTo(9)).body("version", equalTo(2))
                .body("panes.chatId", contains(left, right));
        // An entity tag works as well as a bare number.
        given().auth().oauth2(alice).contentType(ContentType.JSON).header("If-Match", "\"2\"")
                .body(Map.of("layout", "grid"))
                .patch("/views/{id}", compare)
                .then().statusCode(200).body("layout", equalTo("grid")).body("name", equalTo("renamed"))
                .body("version", equalTo(3));

        given().auth().oauth2(alice).header("If-Match", "3").delete("/views/{id}", compare).then().statusCode(204);
        given().auth().oauth2(alice).get("/views/{id}", compare).then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(alice).get("/views").then().statusCode(200).body("id", not(hasItem(compare)));
    }

    @Test
    void panesAreAddedRemovedMovedResizedAndPointedElsewhere() {
        String project = ViewFixtures.project(alice);
        String a = ViewFixtures.chat(alice, project, "model-a");
        String b = ViewFixtures.chat(alice, project, "model-b");
        String c = ViewFixtures.chat(alice, project, "model-c");
        String d = ViewFixtures.chat(alice, project, "model-d");
        String view = createView(alice, "panes");

        addPane(view, 1, Map.of("chatId", a)).body("panes.chatId", contains(a)).body("panes.size", contains(100))
                .body("panes.model", contains("model-a"));
        addPane(view, 2, Map.of("chatId", b, "model", "override")).body("panes.size", contains(50, 50))
                .body("panes.model", contains("model-a", "override"));
        // Adding splits the view equally; the first panes take the remainder.
        addPane(view, 3, Map.of("chatId", c, "position", 0))
                .body("panes.chatId", contains(c, a, b)).body("panes.size", contains(34, 33, 33))
                .body("panes.index", contains(0, 1, 2)).body("version", equalTo(4));

        write(alice, 4).body(Map.of("sizes", List.of(20, 30, 50))).put("/views/{id}/sizes", view)
                .then().statusCode(200).body("panes.size", contains(20, 30, 50)).body("version", equalTo(5));
        write(alice, 5).body(Map.of("to", 2)).post("/views/{id}/panes/{index}/move", view, 0)
                .then().statusCode(200).body("panes.chatId", contains(a, b, c)).body("panes.size", contains(30, 50, 20))
                .body("panes.index", contains(0, 1, 2));

        // Removing gives the pane's size to the one before it (the one after, for the first) and re-indexes.
        write(alice, 6).delete("/views/{id}/panes/{index}", view, 1)
                .then().statusCode(200).body("panes.chatId", contains(a, c)).body("panes.size", contains(80, 20))
                .body("panes.index", contains(0, 1)).body("version", equalTo(7));
        write(alice, 7).delete("/views/{id}/panes/{index}", view, 0)
                .then().statusCode(200).body("panes.chatId", contains(c)).body("panes.size", contains(100));

        write(alice, 8).body(Map.of("model", "model-x")).patch("/views/{id}/panes/{index}", view, 0)
                .then().statusCode(200).body("panes.chatId", contains(c)).body("panes.model", contains("model-x"));
        // Another chat keeps the pane's model and size.
        write(alice, 9).body(Map.of("chatId", d)).patch("/views/{id}/panes/{index}", view, 0)
                .then().statusCode(200).body("panes.chatId", contains(d)).body("panes.model", contains("model-x"))
                .body("panes.size", contains(100));
        write(alice, 10).body(Map.of("chatId", a, "model", "model-y")).patch("/views/{id}/panes/{index}", view, 0)
                .then().statusCode(200).body("panes.chatId", contains(a)).body("panes.model", contains("model-y"))
                .body("version", equalTo(11));

        JsonPath stored = ViewFixtures.view(alice, view);
        assertThat(stored.getInt("version")).isEqualTo(11);
        assertThat(stored.getList("panes.chatId", String.class)).containsExactly(a);
    }

    @Test
    void aChatOfAProjectTheUserBelongsToMayBeShownButOtherChatsAreNotFound() {
        String bobsChat = ViewFixtures.chat(bob, ViewFixtures.project(bob), "offline");
        String mallorysChat = ViewFixtures.chat(mallory, ViewFixtures.project(mallory), "offline");
        String view = createView(alice, "shared tenant");
        write(alice, 1).body(Map.of("chatId", bobsChat)).post("/views/{id}/panes", view)
                .then().statusCode(404).contentType(PROBLEM);
        ProjectMembershipTest.share(bob, bobsChat, "alice", "viewer");

        addPane(view, 1, Map.of("chatId", bobsChat)).body("panes.chatId", contains(bobsChat));
        write(alice, 2).body(Map.of("chatId", mallorysChat)).post("/views/{id}/panes", view)
                .then().statusCode(404).contentType(PROBLEM).body("detail", containsString(mallorysChat));
        write(alice, 2).body(Map.of("chatId", mallorysChat)).patch("/views/{id}/panes/{index}", view, 0)
                .then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(alice).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "panes", List.of(Map.of("chatId", mallorysChat))))
                .post("/views").then().statusCode(404).contentType(PROBLEM);
        write(alice, 2).body(Map.of("chatId", UUID.randomUUID().toString())).post("/views/{id}/panes", view)
                .then().statusCode(404).contentType(PROBLEM);
        assertUnchanged(view, 2, List.of(bobsChat));
    }

    @Test
    void anotherUsersOrTenantsViewIsNotFoundOnEveryRouteAndNothingChanges() {
        String project = ViewFixtures.project(alice);
        String a = ViewFixtures.chat(alice, project, "offline");
        String b = ViewFixtures.chat(alice, project, "offline");
        String view = createView(alice, "private");
        addPane(view, 1, Map.of("chatId", a));
        addPane(view, 2, Map.of("chatId", b));

        for (String stranger : List.of(bob, mallory)) {
            given().auth().oauth2(stranger).get("/views/{id}", view).then().statusCode(404).contentType(PROBLEM)
                    .body("detail", not(containsString("alice")));
            given().auth().oauth2(stranger).get("/views").then().statusCode(200).body("id", not(hasItem(view)));
            write(stranger, 3).body(Map.of("name", "mine now")).patch("/views/{id}", view)
                    .then().statusCode(404).contentType(PROBLEM);
            write(stranger, 3).delete("/views/{id}", view).then().statusCode(404).contentType(PROBLEM);
            write(stranger, 3).body(Map.of("chatId", a)).post("/views/{id}/panes", view)
                    .then().statusCode(404).contentType(PROBLEM);
            write(stranger, 3).delete("/views/{id}/panes/{index}", view, 0).then().statusCode(404).contentType(PROBLEM);
            write(stranger, 3).body(Map.of("model", "theirs")).patch("/views/{id}/panes/{index}", view, 0)
                    .then().statusCode(404).contentType(PROBLEM);
            write(stranger, 3).body(Map.of("to", 1)).post("/views/{id}/panes/{index}/move", view, 0)
                    .then().statusCode(404).contentType(PROBLEM);
            write(stranger, 3).body(Map.of("sizes", List.of(10, 90))).put("/views/{id}/sizes", view)
                    .then().statusCode(404).contentType(PROBLEM);
        }
        assertUnchanged(view, 3, List.of(a, b));
    }

    @Test
    void badInputIsAProblemAndChangesNothing() {
        String project = ViewFixtures.project(alice);
        List<String> chats = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            chats.add(ViewFixtures.chat(alice, project, "offline"));
        }
        String view = createView(alice, "strict");
        for (int i = 0; i < 4; i++) {
            addPane(view, i + 1, Map.of("chatId", chats.get(i)));
        }
        List<String> shown = chats.subList(0, 4);

        // creation
        invalid(given().auth().oauth2(alice).contentType(ContentType.JSON).body("{\"name\":").post("/views"), 400);
        invalid(given().auth().oauth2(alice).contentType(ContentType.JSON).body(Map.of("name", "x", "layout", "diagonal"))
                .post("/views"), 400).body("violations[0].field", equalTo("layout"));
        invalid(given().auth().oauth2(alice).contentType(ContentType.JSON).body(Map.of("name", "x", "syncMode", "echo"))
                .post("/views"), 400).body("violations[0].field", equalTo("syncMode"));
        invalid(given().auth().oauth2(alice).contentType(ContentType.JSON).body(Map.of("name", "x", "maxPanes", 10))
                .post("/views"), 400).body("violations[0].field", equalTo("maxPanes"));
        invalid(given().auth().oauth2(alice).contentType(ContentType.JSON).body(Map.of("name", " "))
                .post("/views"), 400).body("violations[0].field", equalTo("name"));
        invalid(given().auth().oauth2(alice).contentType(ContentType.JSON).body(Map.of("name", "n".repeat(101)))
                .post("/views"), 400).body("violations[0].field", equalTo("name"));
        invalid(given().auth().oauth2(alice).contentType(ContentType.JSON).body("{\"name\":\"bell\\u0007\"}")
                .post("/views"), 400).body("violations[0].field", equalTo("name"));
        invalid(given().auth().oauth2(alice).contentType(ContentType.JSON).body(Map.of("name", "x", "panes",
                chats.stream().map(chat -> Map.of("chatId", chat)).toList())).post("/views"), 400)
                .body("detail", containsString("at most 4 panes"));
        invalid(given().auth().oauth2(alice).contentType(ContentType.JSON).body(Map.of("name", "x", "panes",
                List.of(Map.of("chatId", chats.get(0), "size", 40), Map.of("chatId", chats.get(1), "size", 40))))
                .post("/views"), 400).body("detail", containsString("add up to 80"));
        invalid(given().auth().oauth2(alice).contentType(ContentType.JSON).body(Map.of("name", "x", "panes",
                List.of(Map.of("chatId", chats.get(0), "size", 60), Map.of("chatId", chats.get(1)))))
                .post("/views"), 400);
        invalid(given().auth().oauth2(alice).contentType(ContentType.JSON).body(Map.of("name", "x", "panes",
                List.of(Map.of("chatId", chats.get(0)), Map.of("chatId", chats.get(0))))).post("/views"), 409);
        invalid(given().auth().oauth2(alice).contentType(ContentType.JSON).body(Map.of("name", "x", "panes",
                List.of(Map.of("chatId", "not-a-uuid")))).post("/views"), 400);
        invalid(given().auth().oauth2(alice).contentType(ContentType.JSON).body(Map.of("name", "x", "panes",
                List.of(Map.of("chatId", chats.get(0), "model", "has spaces")))).post("/views"), 400);

        // versions
        invalid(given().auth().oauth2(alice).contentType(ContentType.JSON).body(Map.of("name", "no version"))
                .patch("/views/{id}", view), 428).body("type", equalTo("urn:switchboard:problem:version-required"));
        invalid(write(alice, 4).body(Map.of("name", "stale")).patch("/views/{id}", view), 409)
                .body("type", equalTo("urn:switchboard:problem:stale-version"));
        invalid(given().auth().oauth2(alice).contentType(ContentType.JSON).header("If-Match", "latest")
                .body(Map.of("name", "garbage version")).patch("/views/{id}", view), 400);
        invalid(write(alice, 4).delete("/views/{id}", view), 409);

        // changes
        invalid(write(alice, 5).body("{}").patch("/views/{id}", view), 400);
        invalid(write(alice, 5).body(Map.of("layout", "diagonal")).patch("/views/{id}", view), 400);
        invalid(write(alice, 5).body(Map.of("maxPanes", 3)).patch("/views/{id}", view), 409);
        invalid(write(alice, 5).body(Map.of("maxPanes", 0)).patch("/views/{id}", view), 400);
        invalid(write(alice, 5).body(Map.of("chatId", chats.get(4))).post("/views/{id}/panes", view), 409)
                .body("type", equalTo("urn:switchboard:problem:too-many-panes"));
        invalid(write(alice, 5).body(Map.of("sizes", List.of(25, 25, 25, 24))).put("/views/{id}/sizes", view), 400)
                .body("detail", containsString("add up to 99"));
        invalid(write(alice, 5).body(Map.of("sizes", List.of(9, 41, 25, 25))).put("/views/{id}/sizes", view), 400)
                .body("detail", containsString("at least 10"));
        invalid(write(alice, 5).body(Map.of("sizes", List.of(50, 50))).put("/views/{id}/sizes", view), 400);
        invalid(write(alice, 5).body("{\"sizes\":[25,25,\"a\",25]}").put("/views/{id}/sizes", view), 400);
        invalid(write(alice, 5).body("{\"sizes\":null}").put("/views/{id}/sizes", view), 400);
        invalid(write(alice, 5).delete("/views/{id}/panes/{index}", view, 4), 404)
                .body("detail", containsString("Pane 4"));
        invalid(write(alice, 5).delete("/views/{id}/panes/{index}", view, -1), 404);
        invalid(write(alice, 5).body(Map.of("model", "m")).patch("/views/{id}/panes/{index}", view, 7), 404);
        invalid(write(alice, 5).body("{}").patch("/views/{id}/panes/{index}", view, 0), 400);
        invalid(write(alice, 5).body(Map.of("chatId", chats.get(1))).patch("/views/{id}/panes/{index}", view, 0), 409);
        invalid(write(alice, 5).body(Map.of("to", 4)).post("/views/{id}/panes/{index}/move", view, 0), 400);
        invalid(write(alice, 5).body(Map.of("to", -1)).post("/views/{id}/panes/{index}/move", view, 0), 400);
        invalid(write(alice, 5).body(Map.of("to", 1)).post("/views/{id}/panes/{index}/move", view, 9), 404);

        // garbage ids
        invalid(given().auth().oauth2(alice).get("/views/{id}", "not-a-uuid"), 404);
        invalid(write(alice, 5).body(Map.of("name", "x")).patch("/views/{id}", "not-a-uuid"), 404);
        invalid(write(alice, 5).delete("/views/{id}/panes/{index}", view, "first"), 404);
        invalid(write(alice, 5).body("{\"chatId\":\"nope\"}").post("/views/{id}/panes", view), 400);

        assertUnchanged(view, 5, shown);
    }

    @Test
    void concurrentEditsOfOneViewLeaveExactlyOneWinnerAndAValidView() throws Exception {
        String project = ViewFixtures.project(alice);
        List<String> chats = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            chats.add(ViewFixtures.chat(alice, project, "offline"));
        }
        String view = given().auth().oauth2(alice).contentType(ContentType.JSON)
                .body(Map.of("name", "contested", "maxPanes", 9, "panes",
                        chats.subList(0, 3).stream().map(chat -> Map.of("chatId", chat)).toList()))
                .post("/views").then().statusCode(201).extract().path("id");

        for (int round = 0; round < 3; round++) {
            long version = ViewFixtures.view(alice, view).getLong("version");
            int panes = ViewFixtures.view(alice, view).getList("panes").size();
            List<Callable<Integer>> edits = new ArrayList<>();
            String added = chats.get(3 + round);
            edits.add(() -> write(alice, version).body(Map.of("chatId", added)).post("/views/{id}/panes", view)
                    .then().extract().statusCode());
            edits.add(() -> write(alice, version).delete("/views/{id}/panes/{index}", view, 0)
                    .then().extract().statusCode());
            edits.add(() -> write(alice, version).body(Map.of("to", panes - 1))
                    .post("/views/{id}/panes/{index}/move", view, 0).then().extract().statusCode());
            List<Integer> sizes = new ArrayList<>();
            for (int i = 0; i < panes; i++) {
                sizes.add(i == 0 ? 100 - 10 * (panes - 1) : 10);
            }
            edits.add(() -> write(alice, version).body(Map.of("sizes", sizes)).put("/views/{id}/sizes", view)
                    .then().extract().statusCode());
            edits.add(() -> write(alice, version).body(Map.of("name", "renamed " + version))
                    .patch("/views/{id}", view).then().extract().statusCode());
            edits.add(() -> write(alice, version).body(Map.of("model", "m" + version))
                    .patch("/views/{id}/panes/{index}", view, 0).then().extract().statusCode());

            List<Integer> statuses = ViewFixtures.runTogether(edits);

            assertThat(statuses).as("round %d", round).containsOnly(200, 409);
            assertThat(statuses).filteredOn(status -> status == 200).hasSize(1);
            JsonPath after = ViewFixtures.view(alice, view);
            assertThat(after.getLong("version")).isEqualTo(version + 1);
            assertValid(after);
        }
    }

    @Test
    void aDeletedChatsPaneDisappearsAndTheViewStaysValid() {
        String project = ViewFixtures.project(alice);
        String a = ViewFixtures.chat(alice, project, "offline");
        String b = ViewFixtures.chat(alice, project, "offline");
        String c = ViewFixtures.chat(alice, project, "offline");
        String view = given().auth().oauth2(alice).contentType(ContentType.JSON)
                .body(Map.of("name", "doomed", "panes", List.of(Map.of("chatId", a, "size", 20),
                        Map.of("chatId", b, "size", 30), Map.of("chatId", c, "size", 50))))
                .post("/views").then().statusCode(201).extract().path("id");
        String other = given().auth().oauth2(alice).contentType(ContentType.JSON)
                .body(Map.of("name", "first pane doomed", "panes", List.of(Map.of("chatId", b, "size", 40),
                        Map.of("chatId", c, "size", 60))))
                .post("/views").then().statusCode(201).extract().path("id");

        ViewFixtures.deleteChatRow(pool, b);

        given().auth().oauth2(alice).get("/views/{id}", view)
                .then().statusCode(200).body("panes.chatId", contains(a, c)).body("panes.index", contains(0, 1))
                .body("panes.size", contains(50, 50)).body("version", equalTo(2));
        given().auth().oauth2(alice).get("/views/{id}", other)
                .then().statusCode(200).body("panes.chatId", contains(c)).body("panes.size", contains(100))
                .body("version", equalTo(2));
        // The client that still holds version 1 learns that the view changed.
        write(alice, 1).body(Map.of("name", "late")).patch("/views/{id}", view).then().statusCode(409);
        write(alice, 2).body(Map.of("sizes", List.of(10, 90))).put("/views/{id}/sizes", view)
                .then().statusCode(200).body("panes.size", contains(10, 90));

        ViewFixtures.deleteChatRow(pool, c);
        ViewFixtures.deleteChatRow(pool, a);
        given().auth().oauth2(alice).get("/views/{id}", view)
                .then().statusCode(200).body("panes", empty()).body("version", equalTo(5));
    }


    private static void assertValid(JsonPath view) {
        List<Integer> sizes = view.getList("panes.size", Integer.class);
        List<Integer> indexes = view.getList("panes.index", Integer.class);
        List<String> chats = view.getList("panes.chatId", String.class);
        assertThat(sizes).allMatch(size -> size >= 10);
        assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(sizes.isEmpty() ? 0 : 100);
        assertThat(indexes).isEqualTo(IntStream.range(0, sizes.size()).boxed().toList());
        assertThat(chats).doesNotHaveDuplicates();
        assertThat(sizes.size()).isLessThanOrEqualTo(view.getInt("maxPanes"));
    }

    private void assertUnchanged(String view, int version, List<String> chats) {
        JsonPath stored = ViewFixtures.view(alice, view);
        assertThat(stored.getInt("version")).isEqualTo(version);
        assertThat(stored.getList("panes.chatId", String.class)).containsExactlyElementsOf(chats);
        assertValid(stored);
    }

    private String createView(String token, String name) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("name", name))
                .post("/views").then().statusCode(201).extract().path("id");
    }

    private ValidatableResponse addPane(String view, long version, Map<String, Object> pane) {
        return write(alice, version).body(pane).post("/views/{id}/panes", view)
                .then().statusCode(200).body("version", equalTo((int) version + 1));
    }

    private static RequestSpecification write(String token, long version) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", String.valueOf(version));
    }

    private static ValidatableResponse invalid(Response response,
            int status) {
        return response.then().statusCode(status).contentType(PROBLEM).body("status", equalTo(status))
                .body("detail", not(containsString("Exception")));
    }
}
