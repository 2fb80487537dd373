package io.switchboard.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testing.ManagementInterface;
import io.switchboard.testing.SwitchboardInfrastructureResource;

/** The OpenAPI document describes the API, its bearer scheme and its problem responses; Swagger UI serves it. */
@QuarkusTest
@WithTestResource(SwitchboardInfrastructureResource.class)
class OpenApiTest {

    @Test
    void theDocumentDescribesEveryOperationWithItsProblems() {
        given().baseUri(ManagementInterface.baseUri()).queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200)
                .body("info.title", equalTo("Switchboard gateway"))
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"))
                .body("components.schemas", hasKey("Problem"))
                .body("paths", hasKey("/api/broadcast"))
                .body("paths", hasKey("/api/models"))
                .body("paths", hasKey("/api/me"))
                .body("paths.'/api/projects'.post.summary", equalTo("Create a project"))
                .body("paths.'/api/chats/{chatId}/workspace'.get.responses.'404'.'$ref'",
                        equalTo("#/components/responses/NotFound"))
                .body("paths.'/api/chats/{chatId}/workspace'.get.responses.'200'.content.'application/json'.schema.'$ref'",
                        equalTo("#/components/schemas/WorkspaceView"))
                .body("components.schemas.WorkspaceView.properties", hasKey("headCommit"))
                // session-service's routes show the records of session-api, the contract both sides compile against.
                .body("paths.'/api/chats/{chatId}'.get.responses.'200'.content.'application/json'.schema.'$ref'",
                        equalTo("#/components/schemas/ChatView"))
                .body("components.schemas.ChatView.properties", hasKey("lifecycleSeq"))
                .body("paths.'/api/chats/{chatId}/messages'.get.responses.'200'.content.'application/json'.schema.items"
                        + ".'$ref'", equalTo("#/components/schemas/MessageView"))
                .body("components.schemas.MessageView.properties", hasKey("toolCalls"))
                .body("paths.'/api/projects/{projectId}/members'.get.responses.'200'.content.'application/json'"
                        + ".schema.items.'$ref'", equalTo("#/components/schemas/MemberView"))
                .body("components.schemas.UpdateChatRequest.properties.title.maxLength", equalTo(200))
                .body("paths.'/api/chats/{chatId}/messages'.post.summary", equalTo("Send a message"))
                .body("paths.'/api/chats/{chatId}/messages'.post.responses", hasKey("202"))
                .body("paths.'/api/chats/{chatId}/messages'.post.responses.'404'.'$ref'",
                        equalTo("#/components/responses/NotFound"))
                .body("paths.'/api/chats/{chatId}/messages'.post.responses.'413'.'$ref'",
                        equalTo("#/components/responses/PayloadTooLarge"))
                .body("paths.'/api/chats/{chatId}/stop'.post.responses.'401'.'$ref'",
                        equalTo("#/components/responses/Unauthorized"))
                .body("paths.'/api/chats/{chatId}/turns/{turnId}'", hasKey("put"))
                .body("paths.'/api/chats/{chatId}/turns/{turnId}'", hasKey("patch"))
                .body("paths.'/api/chats/{chatId}/turns/{turnId}'", hasKey("delete"))
                .body("paths.'/api/chats/{chatId}/turns/{turnId}/cancel'", hasKey("post"))
                .body("components.responses.NotFound.content.'application/problem+json'.schema", notNullValue());
    }

    @Test
    void swaggerUiIsServedOnTheManagementPortOnly() {
        given().baseUri(ManagementInterface.baseUri()).get("/q/swagger-ui/").then().statusCode(200)
                .body(containsString("swagger"));
        given().get("/q/swagger-ui/").then().statusCode(404);
        given().get("/q/openapi").then().statusCode(404);
    }
}
