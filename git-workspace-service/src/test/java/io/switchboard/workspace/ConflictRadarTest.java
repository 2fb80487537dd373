package io.switchboard.workspace;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.switchboard.events.workspace.ConflictsChanged;
import io.switchboard.events.workspace.SharedFile;
import io.switchboard.infra.Databases;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.workspace.WorkspaceEvents.Published;
import io.switchboard.workspace.git.RepositoryLayout;

/** The conflict radar of a project with three chats, checked against what the git command-line client says. */
@QuarkusTest
@WithTestResource(value = SwitchboardInfrastructureResource.class,
        initArgs = @ResourceArg(name = SwitchboardInfrastructureResource.DATABASE, value = Databases.WORKSPACES))
class ConflictRadarTest {

    @Inject
    RepositoryLayout layout;

    @Test
    void theFilesTwoChatsChangedAreListedWithThoseChats() {
        ChatWorkspace a = ChatWorkspace.create();
        ChatWorkspace b = ChatWorkspace.create(a.tenant(), a.projectId());
        ChatWorkspace c = ChatWorkspace.create(a.tenant(), a.projectId());
        commit(a, Map.of("shared.txt", "from a\n", "a.txt", "a\n"));
        commit(b, Map.of("shared.txt", "from b\n", "b.txt", "b\n"));
        commit(c, Map.of("c.txt", "c\n", "a.txt", "c's a\n"));
        // Uncommitted work is not yet a change of the branch.
        c.write("shared.txt", "c is still typing\n");

        JsonPath radar = given().auth().oauth2(TestTokens.bearer(a.tenant(), "user-1"))
                .get("/projects/{projectId}/conflicts", a.projectId())
                .then().statusCode(200)
                .body("projectId", equalTo(a.projectId().toString()))
                .body("defaultBranch", equalTo("main"))
                .body("chats", equalTo(3))
                .extract().jsonPath();
        Map<String, List<String>> expected = new TreeMap<>();
        expected.put("a.txt", List.of(a.chatId(), c.chatId()));
        expected.put("shared.txt", List.of(a.chatId(), b.chatId()));
        assertThat(conflicts(radar)).isEqualTo(expected);
        assertThat(conflicts(radar)).isEqualTo(fromGitCli(List.of(a, b, c)));
    }

    @Test
    void eachChatHearsWhenItsSharedFilesChangeAndOnlyThen() {
        ChatWorkspace a = ChatWorkspace.create();
        ChatWorkspace b = ChatWorkspace.create(a.tenant(), a.projectId());
        ChatWorkspace c = ChatWorkspace.create(a.tenant(), a.projectId());
        try (WorkspaceEvents events = new WorkspaceEvents()) {
            commit(c, Map.of("c.txt", "only c\n"));
            commit(a, Map.of("shared.txt", "from a\n", "a.txt", "a\n"));
            commit(b, Map.of("shared.txt", "from b\n"));

            Published toA = events.awaitEvent(a.chatId(), "ConflictsChanged");
            Published toB = events.awaitEvent(b.chatId(), "ConflictsChanged");
            assertThat(toA.key()).isEqualTo(a.chatId());
            assertThat(toA.payload(ConflictsChanged.class).files())
                    .containsExactly(new SharedFile("shared.txt", List.of(b.chatId())));
            assertThat(toA.payload(ConflictsChanged.class).defaultBranch()).isEqualTo("main");
            assertThat(toB.payload(ConflictsChanged.class).files())
                    .containsExactly(new SharedFile("shared.txt", List.of(a.chatId())));
            // Refreshes run one after another per project: c's commit was looked at before b's.
            assertThat(types(events, c)).doesNotContain("ConflictsChanged");

            // Merged into main, a's work is no change of a's branch any more: both chats hear the overlap end.
            a.asOwner().contentType("application/json").body(Map.of()).post("/workspaces/{chatId}/merge")
                    .then().statusCode(200).body("outcome", equalTo("merged"));
            Published endA = events.awaitEvent(a.chatId(), "ConflictsChanged", 2);
            Published endB = events.awaitEvent(b.chatId(), "ConflictsChanged", 2);
            assertThat(endA.payload(ConflictsChanged.class).files()).isEmpty();
            assertThat(endB.payload(ConflictsChanged.class).files()).isEmpty();
            assertThat(endA.envelope().seq()).isEqualTo(toA.envelope().seq() + 1);

            // A commit that changes no overlap announces nothing more.
            commit(b, Map.of("b-only.txt", "b\n"));
            commit(a, Map.of("a-later.txt", "a\n"));
            Published later = events.awaitEvent(a.chatId(), "Committed", 2);
            assertThat(later).isNotNull();
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(types(events, a).stream().filter("ConflictsChanged"::equals)).hasSize(2);
                assertThat(types(events, b).stream().filter("ConflictsChanged"::equals)).hasSize(2);
            });
        }
    }

    private static List<String> types(WorkspaceEvents events, ChatWorkspace chat) {
        return events.of(chat.chatId()).stream().map(event -> event.envelope().type()).toList();
    }

    @Test
    void anotherTenantsOrAMissingProjectIsNotFound() {
        ChatWorkspace a = ChatWorkspace.create();
        given().auth().oauth2(TestTokens.bearer("tenant-" + UUID.randomUUID(), "mallory"))
                .get("/projects/{projectId}/conflicts", a.projectId()).then().statusCode(404);
        given().auth().oauth2(TestTokens.bearer(a.tenant(), "user-1"))
                .get("/projects/{projectId}/conflicts", UUID.randomUUID()).then().statusCode(404);
        given().auth().oauth2(TestTokens.bearer(a.tenant(), "user-1"))
                .get("/projects/{projectId}/conflicts", "not-a-project").then().statusCode(400);
        given().auth().oauth2(TestTokens.bearer(a.tenant(), "user-1"))
                .get("/projects/{projectId}/conflicts", a.projectId()).then().statusCode(200)
                .body("chats", equalTo(1)).body("conflicts", equalTo(List.of()));
    }

    private static Map<String, List<String>> conflicts(JsonPath radar) {
        Map<String, List<String>> found = new TreeMap<>();
        List<Map<String, Object>> entries = radar.getList("conflicts");
        for (Map<String, Object> entry : entries) {
            @SuppressWarnings("unchecked")
            List<String> chats = (List<String>) entry.get("chatIds");
            found.put(entry.get("path").toString(), chats);
        }
        return found;
    }

    /** The same overlaps, from {@code git diff --name-only main...<branch>} of each chat. */
    private Map<String, List<String>> fromGitCli(List<ChatWorkspace> chats) {
        Map<String, List<String>> touched = new TreeMap<>();
        for (ChatWorkspace chat : chats) {
            for (String path : GitCli.lines(layout.projectRepository(chat.projectId()), "diff", "--name-only",
                    "main..." + chat.branch())) {
                touched.computeIfAbsent(path, p -> new ArrayList<>()).add(chat.chatId());
            }
        }
        touched.values().removeIf(list -> list.size() < 2);
        return touched;
    }

    private static void commit(ChatWorkspace chat, Map<String, String> files) {
        files.forEach(chat::write);
        chat.asOwner().contentType("application/json").body(Map.of("message", "Work"))
                .post("/workspaces/{chatId}/commits").then().statusCode(200).body("committed", equalTo(true));
    }
}
