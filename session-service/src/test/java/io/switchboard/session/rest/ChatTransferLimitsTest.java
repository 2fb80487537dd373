package io.switchboard.session.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.switchboard.infra.Databases;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.testing.kafka.RawProducer;

/**
 * The configured bounds of a chat file: an export beyond them is a 409 problem (so no exported file is one an
 * import would refuse), an import beyond them a 413; an import is a new chat and meets the tenant's chat limit.
 */
@QuarkusTest
@TestProfile(ChatTransferLimitsTest.SmallFiles.class)
@WithTestResource(value = SwitchboardInfrastructureResource.class,
        initArgs = @ResourceArg(name = SwitchboardInfrastructureResource.DATABASE, value = Databases.SESSIONS))
class ChatTransferLimitsTest {

    public static class SmallFiles implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("switchboard.session.transfer.max-messages", "4",
                    "switchboard.session.transfer.max-bytes", "3K",
                    "switchboard.session.transfer.export-page-size", "2",
                    "switchboard.session.max-chats-per-tenant", "1");
        }
    }

    @Test
    void aChatWithMoreMessagesOrTextThanAFileHoldsIsNotExported() {
        String manyTenant = "tenant-" + UUID.randomUUID();
        String many = TestTokens.bearer(manyTenant, "ann");
        String chat = chat(manyTenant, "q", "a", "q", "a", "q", "a");
        given().auth().oauth2(many).get("/chats/{id}/export", chat)
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:switchboard:problem:too-large-to-export"))
                .body("detail", containsString("has 6 messages; a chat file holds at most 4"));

        String longTextTenant = "tenant-" + UUID.randomUUID();
        String longText = TestTokens.bearer(longTextTenant, "ann");
        chat = chat(longTextTenant, "q", "x".repeat(3_100));
        given().auth().oauth2(longText).get("/chats/{id}/export", chat)
                .then().statusCode(409).body("type", equalTo("urn:switchboard:problem:too-large-to-export"))
                .body("detail", containsString("bytes of text"));

        // The texts fit, the file with its other fields does not.
        String nearlyTenant = "tenant-" + UUID.randomUUID();
        String nearly = TestTokens.bearer(nearlyTenant, "ann");
        chat = chat(nearlyTenant, "q", "x".repeat(2_900));
        given().auth().oauth2(nearly).get("/chats/{id}/export", chat)
                .then().statusCode(409).body("type", equalTo("urn:switchboard:problem:too-large-to-export"))
                .body("detail", containsString("bytes as a file"));

        // At the bounds, read in pages of two.
        String fitsTenant = "tenant-" + UUID.randomUUID();
        String fits = TestTokens.bearer(fitsTenant, "ann");
        chat = chat(fitsTenant, "q1", "a1", "q2", "a2");
        given().auth().oauth2(fits).get("/chats/{id}/export", chat)
                .then().statusCode(200).body("messages.content", equalTo(List.of("q1", "a1", "q2", "a2")))
                .body("messages.turn", equalTo(List.of(1, 1, 2, 2)));
    }

    @Test
    void anImportBeyondTheBoundsOrTheTenantsChatLimitIsRefusedAndCreatesNothing() {
        String user = TestTokens.bearer("tenant-" + UUID.randomUUID(), "ann");
        String project = ProjectAndChatResourceTest.createProject(user, "imports");

        given().auth().oauth2(user).contentType(ContentType.JSON).body(file(5, "m"))
                .post("/projects/{id}/chats/import", project)
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("urn:switchboard:problem:payload-too-large"))
                .body("detail", containsString("5 messages; at most 4"));
        given().auth().oauth2(user).contentType(ContentType.JSON).body(file(1, "x".repeat(3_100)))
                .post("/projects/{id}/chats/import", project)
                .then().statusCode(413).body("type", equalTo("urn:switchboard:problem:payload-too-large"))
                .body("detail", containsString("at most 3072 are imported"));
        given().auth().oauth2(user).get("/projects/{id}/chats", project).then().body("$", hasSize(1));

        given().auth().oauth2(user).contentType(ContentType.JSON).body(file(4, "m"))
                .post("/projects/{id}/chats/import", project).then().statusCode(201);
        given().auth().oauth2(user).contentType(ContentType.JSON).body(file(1, "m"))
                .post("/projects/{id}/chats/import", project)
                .then().statusCode(409).body("type", equalTo("urn:switchboard:problem:limit-reached"));
        given().auth().oauth2(user).get("/projects/{id}/chats", project).then().body("$", hasSize(2));
    }

    /** A chat of a new tenant with these messages, question and answer in turn. */
    private static String chat(String tenant, String... texts) {
        String token = TestTokens.bearer(tenant, "ann");
        String project = ProjectAndChatResourceTest.createProject(token, "p");
        String chatId = ChatLifecycleTest.createChat(token, project, "t");
        try (RawProducer producer = RawProducer.create()) {
            for (int i = 0; i < texts.length; i += 2) {
                ChatEvents.turn(producer, chatId, tenant, 1 + 3L * (i / 2), texts[i], texts[i + 1]);
            }
        }
        await().atMost(ChatLifecycleTest.WAIT).untilAsserted(() -> given().auth().oauth2(token)
                .get("/chats/{id}", chatId).then().body("messageCount", equalTo(texts.length)));
        return chatId;
    }

    private static String file(int messages, String content) {
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < messages; i++) {
            list.append(i == 0 ? "" : ",").append("{\"turn\":").append(i / 2 + 1).append(",\"role\":\"")
                    .append(i % 2 == 0 ? "user" : "assistant").append("\",\"status\":\"complete\",\"content\":\"")
                    .append(content).append("\",\"createdAt\":\"2026-11-30T10:00:00Z\"}");
        }
        return "{\"format\":\"switchboard-chat\",\"version\":1,\"chat\":{\"title\":\"imported\",\"model\":\"offline\"},"
                + "\"messages\":[" + list + "]}";
    }
}
