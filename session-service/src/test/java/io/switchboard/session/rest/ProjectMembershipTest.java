package io.switchboard.session.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.switchboard.events.Envelope;
import io.switchboard.events.Topics;
import io.switchboard.events.json.EventJson;
import io.switchboard.events.lifecycle.ProjectMemberChanged;
import io.switchboard.infra.Databases;
import io.switchboard.session.service.AuditRetention;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.testing.kafka.RecordCollector;

/**
 * Who sees what inside a tenant: a project's owner, editors and viewers, and everyone else, who finds neither the
 * project nor its chats on any route.
 */
@QuarkusTest
@WithTestResource(value = SwitchboardInfrastructureResource.class,
        initArgs = @ResourceArg(name = SwitchboardInfrastructureResource.DATABASE, value = Databases.SESSIONS))
class ProjectMembershipTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    AuditRetention retention;

    private final String tenant = "members-" + UUID.randomUUID();
    private final String alice = TestTokens.bearer(tenant, "alice");
    private final String bob = TestTokens.bearer(tenant, "bob");
    private final String carol = TestTokens.bearer(tenant, "carol");

    @Test
    void aUserOfTheSameTenantWhoIsNoMemberFindsNothingOnAnyRouteAndChangesNothing() {
        String projectId = ProjectAndChatResourceTest.createProject(alice, "private work");
        String chatId = ChatLifecycleTest.createChat(alice, projectId, "Secret plans");
        String exported = given().auth().oauth2(alice).get("/chats/{id}/export", chatId)
                .then().statusCode(200).extract().asString();

        try (RecordCollector lifecycle = RecordCollector.fromEnd(Topics.SESSION_LIFECYCLE)) {
            Map<String, Function<RequestSpecification, Response>> routes = Map.ofEntries(
                    Map.entry("project", r -> r.get("/projects/{id}", projectId)),
                    Map.entry("chat list", r -> r.get("/projects/{id}/chats", projectId)),
                    Map.entry("members", r -> r.get("/projects/{id}/members", projectId)),
                    Map.entry("add member", r -> r.contentType(ContentType.JSON).body("{\"role\":\"owner\"}")
                            .put("/projects/{id}/members/bob", projectId)),
                    Map.entry("create chat", r -> r.contentType(ContentType.JSON).body("{}")
                            .post("/projects/{id}/chats", projectId)),
                    Map.entry("import", r -> r.contentType(ContentType.JSON).body(exported)
                            .post("/projects/{id}/chats/import", projectId)),
                    Map.entry("chat", r -> r.get("/chats/{id}", chatId)),
                    Map.entry("messages", r -> r.get("/chats/{id}/messages", chatId)),
                    Map.entry("export", r -> r.get("/chats/{id}/export", chatId)),
                    Map.entry("update", r -> r.contentType(ContentType.JSON).body("{\"title\":\"mine\"}")
                            .patch("/chats/{id}", chatId)),
                    Map.entry("archive", r -> r.post("/chats/{id}/archive", chatId)),
                    Map.entry("complete", r -> r.post("/chats/{id}/complete", chatId)),
                    Map.entry("delete", r -> r.delete("/chats/{id}", chatId)),
                    Map.entry("duplicate", r -> r.post("/chats/{id}/duplicate", chatId)),
                    Map.entry("read", r -> r.contentType(ContentType.JSON).body("{}").post("/chats/{id}/read", chatId)),
                    Map.entry("client state", r -> r.get("/chats/{id}/client-state", chatId)),
                    Map.entry("write client state", r -> r.contentType(ContentType.JSON).header("If-Match", "0")
                            .body("{\"draft\":\"x\"}").put("/chats/{id}/client-state", chatId)),
                    Map.entry("open tab", r -> r.contentType(ContentType.JSON).body(Map.of("chatId", chatId))
                            .post("/ui-state/tabs")),
                    Map.entry("view pane", r -> r.contentType(ContentType.JSON)
                            .body(Map.of("name", "peek", "panes", List.of(Map.of("chatId", chatId))))
                            .post("/views")));
            routes.forEach((route, call) -> call.apply(given().auth().oauth2(bob)).then()
                    .statusCode(404).contentType(PROBLEM).body("detail", not(containsString("alice"))));

            given().auth().oauth2(bob).get("/projects").then().statusCode(200).body("id", not(hasItem(projectId)));
            given().auth().oauth2(bob).get("/chats/search?q=secret").then().statusCode(200)
                    .body("chat.id", not(hasItem(chatId)));
            // Nothing was announced for the chat: every refusal happened before anything was written.
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> lifecycle.records()
                    .stream().noneMatch(record -> chatId.equals(record.key())));
        }
        given().auth().oauth2(alice).get("/chats/{id}", chatId).then().statusCode(200)
                .body("title", equalTo("Secret plans")).body("status", equalTo("active"));
        given().auth().oauth2(alice).get("/projects/{id}/chats", projectId).then().statusCode(200)
                .body("title", contains("Secret plans", "Main conversation"));
        given().auth().oauth2(alice).get("/projects/{id}/members", projectId).then().statusCode(200)
                .body("userId", contains("alice")).body("role", contains("owner"));
    }

    @Test
    void aViewerReadsButChangesNothingAndAnEditorChangesChatsButNotMembers() {
        String projectId = ProjectAndChatResourceTest.createProject(alice, "shared");
        String chatId = ChatLifecycleTest.createChat(alice, projectId, "Shared plans");
        member(alice, projectId, "bob", "viewer").then().statusCode(200)
                .body("userId", equalTo("bob")).body("role", equalTo("viewer")).body("addedBy", equalTo("alice"));

        given().auth().oauth2(bob).get("/projects").then().statusCode(200)
                .body("find { it.id == '" + projectId + "' }.role", equalTo("viewer"));
        given().auth().oauth2(bob).get("/projects/{id}", projectId).then().statusCode(200)
                .body("role", equalTo("viewer"));
        given().auth().oauth2(bob).get("/chats/{id}", chatId).then().statusCode(200);
        given().auth().oauth2(bob).get("/chats/{id}/messages", chatId).then().statusCode(200);
        given().auth().oauth2(bob).get("/chats/{id}/export", chatId).then().statusCode(200);
        given().auth().oauth2(bob).get("/chats/search?q=shared").then().statusCode(200)
                .body("chat.id", hasItem(chatId));
        given().auth().oauth2(bob).contentType(ContentType.JSON).body("{}").post("/chats/{id}/read", chatId)
                .then().statusCode(200);
        given().auth().oauth2(bob).contentType(ContentType.JSON).body(Map.of("chatId", chatId))
                .post("/ui-state/tabs").then().statusCode(200);

        given().auth().oauth2(bob).contentType(ContentType.JSON).body("{\"title\":\"viewer was here\"}")
                .patch("/chats/{id}", chatId).then().statusCode(403).contentType(PROBLEM)
                .body("type", equalTo("urn:switchboard:problem:forbidden"));
        given().auth().oauth2(bob).post("/chats/{id}/archive", chatId).then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(bob).delete("/chats/{id}", chatId).then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(bob).post("/chats/{id}/duplicate", chatId).then().statusCode(403);
        given().auth().oauth2(bob).contentType(ContentType.JSON).body("{}").post("/projects/{id}/chats", projectId)
                .then().statusCode(403).contentType(PROBLEM);
        member(bob, projectId, "carol", "viewer").then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(alice).get("/chats/{id}", chatId).then().body("title", equalTo("Shared plans"))
                .body("status", equalTo("active"));

        member(alice, projectId, "bob", "editor").then().statusCode(200).body("role", equalTo("editor"));
        given().auth().oauth2(bob).contentType(ContentType.JSON).body("{\"title\":\"Edited by bob\"}")
                .patch("/chats/{id}", chatId).then().statusCode(200).body("title", equalTo("Edited by bob"));
        given().auth().oauth2(bob).contentType(ContentType.JSON).body("{}").post("/projects/{id}/chats", projectId)
                .then().statusCode(201).body("ownerId", equalTo("bob"));
        member(bob, projectId, "carol", "viewer").then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(bob).delete("/projects/{id}/members/alice", projectId).then().statusCode(403);

        // Leaving is open to any member; then the project is gone for them.
        given().auth().oauth2(bob).delete("/projects/{id}/members/bob", projectId).then().statusCode(204);
        given().auth().oauth2(bob).get("/chats/{id}", chatId).then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void everyMembershipChangeIsAnnouncedOnceKeyedByTheProject() {
        try (RecordCollector lifecycle = RecordCollector.fromEnd(Topics.SESSION_LIFECYCLE)) {
            String projectId = ProjectAndChatResourceTest.createProject(alice, "announced");
            member(alice, projectId, "bob", "viewer").then().statusCode(200);
            member(alice, projectId, "bob", "viewer").then().statusCode(200);
            member(alice, projectId, "bob", "editor").then().statusCode(200);
            member(alice, projectId, "alice", "owner").then().statusCode(200);
            given().auth().oauth2(alice).delete("/projects/{id}/members/bob", projectId).then().statusCode(204);
            member(bob, projectId, "bob", "owner").then().statusCode(404);

            List<Envelope> events = lifecycle.awaitRecords(record -> projectId.equals(record.key()), 4,
                    Duration.ofSeconds(20)).stream().map(record -> EventJson.fromBytes(record.value())).toList();
            assertThat(events).extracting(Envelope::seq).containsExactly(1L, 2L, 3L, 4L);
            assertThat(events).allSatisfy(event -> {
                assertThat(event.chatId()).isEqualTo(projectId);
                assertThat(event.tenantId()).isEqualTo(tenant);
            });
            assertThat(events).extracting(event -> event.payloadAs(ProjectMemberChanged.class))
                    .extracting(ProjectMemberChanged::userId, ProjectMemberChanged::role)
                    .containsExactly(tuple("alice", "owner"), tuple("bob", "viewer"), tuple("bob", "editor"),
                            tuple("bob", null));
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> lifecycle.records()
                    .stream().filter(record -> projectId.equals(record.key())).count() == 4);
        }
    }

    @Test
    void aProjectAlwaysKeepsAnOwnerAndBadMemberRequestsGetProblems() {
        String projectId = ProjectAndChatResourceTest.createProject(alice, "owned");

        member(alice, projectId, "alice", "editor").then().statusCode(409).contentType(PROBLEM)
                .body("detail", containsString("no owner"));
        given().auth().oauth2(alice).delete("/projects/{id}/members/alice", projectId)
                .then().statusCode(409).contentType(PROBLEM);
        member(alice, projectId, "bob", "admin").then().statusCode(400).contentType(PROBLEM)
                .body("violations[0].field", equalTo("role"));
        given().auth().oauth2(alice).contentType(ContentType.JSON).body("{\"role\":")
                .put("/projects/{id}/members/bob", projectId).then().statusCode(400).contentType(PROBLEM);
        given().auth().oauth2(alice).contentType(ContentType.JSON).body("{\"role\":\"viewer\"}")
                .put("/projects/{id}/members/{user}", projectId, " bob").then().statusCode(400).contentType(PROBLEM);
        given().auth().oauth2(alice).urlEncodingEnabled(false).contentType(ContentType.JSON)
                .body("{\"role\":\"viewer\"}").put("/projects/" + projectId + "/members/b%01ob")
                .then().statusCode(400).contentType(PROBLEM);
        given().auth().oauth2(alice).delete("/projects/{id}/members/nobody", projectId)
                .then().statusCode(404).contentType(PROBLEM);

        // With a second owner the first may step down, and then leave.
        member(alice, projectId, "carol", "owner").then().statusCode(200);
        member(alice, projectId, "alice", "viewer").then().statusCode(200).body("role", equalTo("viewer"));
        member(alice, projectId, "bob", "viewer").then().statusCode(403);
        given().auth().oauth2(carol).get("/projects/{id}/members", projectId).then().statusCode(200)
                .body("userId", contains("alice", "carol")).body("role", contains("viewer", "owner"));
        given().auth().oauth2(carol).delete("/projects/{id}/members/carol", projectId)
                .then().statusCode(409).contentType(PROBLEM);
        given().auth().oauth2(alice).delete("/projects/{id}/members/alice", projectId).then().statusCode(204);
        given().auth().oauth2(alice).get("/projects/{id}", projectId).then().statusCode(404);
    }

    @Test
    void theAuditLogRecordsEveryChangeForTheTenantsAdminsOnly() {
        String admin = TestTokens.bearer(tenant, "root", Set.of("user", "admin"));
        String otherAdmin = TestTokens.bearer("other-" + tenant, "root", Set.of("user", "admin"));
        String projectId = ProjectAndChatResourceTest.createProject(alice, "audited");
        String chatId = ChatLifecycleTest.createChat(alice, projectId, "Audited chat");
        member(alice, projectId, "bob", "editor").then().statusCode(200);
        given().auth().oauth2(bob).post("/chats/{id}/archive", chatId).then().statusCode(200);
        // A refused change leaves no entry.
        given().auth().oauth2(carol).delete("/chats/{id}", chatId).then().statusCode(404);

        given().auth().oauth2(alice).get("/audit").then().statusCode(403).contentType(PROBLEM)
                .body("type", equalTo("urn:switchboard:problem:forbidden"));
        given().auth().oauth2(otherAdmin).get("/audit").then().statusCode(200)
                .body("projectId", not(hasItem(projectId)));
        given().auth().oauth2(admin).get("/audit?before=soon").then().statusCode(400).contentType(PROBLEM);
        given().auth().oauth2(admin).get("/audit?limit=0").then().statusCode(400).contentType(PROBLEM);

        List<String> actions = given().auth().oauth2(admin).get("/audit?projectId={id}", projectId)
                .then().statusCode(200).extract().path("action");
        assertThat(actions).containsExactly("chat.archived", "member.added", "chat.created", "chat.created",
                "project.created");
        given().auth().oauth2(admin).get("/audit?chatId={id}", chatId).then().statusCode(200)
                .body("action", contains("chat.archived", "chat.created"))
                .body("actorId", contains("bob", "alice"));

        // One entry a page, newest first, until a short page ends it.
        String before = "";
        List<String> paged = new ArrayList<>();
        while (true) {
            List<Map<String, Object>> page = given().auth().oauth2(admin)
                    .get("/audit?projectId={id}&limit=1" + before, projectId).then().statusCode(200)
                    .extract().jsonPath().getList("$");
            if (page.isEmpty()) {
                break;
            }
            assertThat(page).hasSize(1);
            paged.add((String) page.get(0).get("action"));
            before = "&before=" + page.get(0).get("id");
        }
        assertThat(paged).isEqualTo(actions);
        given().auth().oauth2(admin).get("/audit?projectId={id}", projectId).then()
                .body("find { it.action == 'member.added' }.targetId", equalTo("bob"))
                .body("find { it.action == 'member.added' }.actorId", equalTo("alice"));
    }

    @Test
    void auditEntriesOlderThanTheRetentionAreDeletedAndNewerOnesKept() throws Throwable {
        String admin = TestTokens.bearer(tenant, "root", Set.of("user", "admin"));
        String projectId = ProjectAndChatResourceTest.createProject(alice, "kept a year");

        long now = VertxContextSupport.subscribeAndAwait(() -> retention.purge(Instant.now()));
        assertThat(now).as("nothing here is a year old").isZero();
        given().auth().oauth2(admin).get("/audit?projectId={id}", projectId).then().statusCode(200)
                .body("action", contains("chat.created", "project.created"));

        // A year and a day later, as the daily purge would see it.
        long later = VertxContextSupport.subscribeAndAwait(
                () -> retention.purge(Instant.now().plus(Duration.ofDays(366))));
        assertThat(later).isGreaterThanOrEqualTo(2);
        given().auth().oauth2(admin).get("/audit?projectId={id}", projectId).then().statusCode(200)
                .body("$", empty());
    }

    /** Makes the user a member (with the role) of the chat's project, as its owner. */
    static void share(String ownerToken, String chatId, String userId, String role) {
        String projectId = given().auth().oauth2(ownerToken).get("/chats/{id}", chatId)
                .then().statusCode(200).extract().path("projectId");
        member(ownerToken, projectId, userId, role).then().statusCode(200);
    }

    private static Response member(String token, String projectId, String userId, String role) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("role", role))
                .put("/projects/{id}/members/{user}", projectId, userId);
    }
}
