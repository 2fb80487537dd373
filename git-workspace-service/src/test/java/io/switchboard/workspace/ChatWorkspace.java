package io.switchboard.workspace;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import io.restassured.specification.RequestSpecification;
import io.switchboard.events.workspace.WorkspaceReady;
import io.switchboard.testing.TestTokens;

/** A chat with a ready workspace, created the way session-service does it, and calls as its owner. */
record ChatWorkspace(String tenant, UUID projectId, String chatId, WorkspaceReady ready) {

    static ChatWorkspace create() {
        return create("tenant-" + UUID.randomUUID(), UUID.randomUUID());
    }

    /** Another chat, in the given project of the tenant. */
    static ChatWorkspace create(String tenant, UUID projectId) {
        String chatId = UUID.randomUUID().toString();
        try (WorkspaceEvents events = new WorkspaceEvents()) {
            LifecycleEvents.send(LifecycleEvents.created(chatId, tenant, projectId));
            WorkspaceReady ready = events.awaitEvent(chatId, "WorkspaceReady").payload(WorkspaceReady.class);
            return new ChatWorkspace(tenant, projectId, chatId, ready);
        }
    }

    UUID id() {
        return UUID.fromString(chatId);
    }

    String branch() {
        return ready.branch();
    }

    /** A request as a user of the chat's tenant. */
    RequestSpecification asOwner() {
        return given().auth().oauth2(TestTokens.bearer(tenant, "user-1")).pathParam("chatId", chatId);
    }

    /** A request as a user of another tenant. */
    RequestSpecification asStranger() {
        return given().auth().oauth2(TestTokens.bearer("tenant-" + UUID.randomUUID(), "user-1"))
                .pathParam("chatId", chatId);
    }

    /** A request as chat-service acting for the chat's tenant. */
    RequestSpecification asService() {
        return given().auth().oauth2(TestTokens.service()).header("X-Switchboard-Tenant", tenant)
                .pathParam("chatId", chatId);
    }

    /** Writes a file through the API, asserting it was accepted. */
    void write(String path, String content) {
        asOwner().contentType("application/json").body(new FileBody(path, content))
                .put("/workspaces/{chatId}/file")
                .then().statusCode(200);
    }

    /** The content of a file through the API. */
    String read(String path) {
        return asOwner().queryParam("path", path).get("/workspaces/{chatId}/file")
                .then().statusCode(200).extract().path("content");
    }

    record FileBody(String path, String content) {
    }
}
