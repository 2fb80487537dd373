package io.switchboard.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.TestTokens;

/** Refusals Quarkus makes itself (404, 405, 413, 415) are problem bodies too; CORS lets the web origin in. */
@QuarkusTest
@WithTestResource(SwitchboardInfrastructureResource.class)
class HttpProblemsTest {

    private final String alice = TestTokens.bearer("tenant-a", "alice");
    private final String chat = UUID.randomUUID().toString();

    @Test
    void anUnknownAddressIsA404Problem() {
        given().auth().oauth2(alice).get("/api/nothing-here")
                .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
    }

    @Test
    void aWrongMethodIsA405Problem() {
        given().auth().oauth2(alice).put("/api/chats/{id}/stop", chat)
                .then().statusCode(405).contentType("application/problem+json").body("status", equalTo(405));
    }

    @Test
    void aBodyThatIsNotJsonIsA415Problem() {
        given().auth().oauth2(alice).contentType(ContentType.TEXT).body("hello")
                .post("/api/chats/{id}/messages", chat)
                .then().statusCode(415).contentType("application/problem+json").body("status", equalTo(415));
    }

    @Test
    void aBodyOverTheLimitIsA413ProblemBeforeAuthenticationOrParsing() {
        String huge = "{\"text\":\"" + "x".repeat(1024 * 1024 + 10) + "\"}";
        given().auth().oauth2(alice).contentType(ContentType.JSON).body(huge)
                .post("/api/chats/{id}/messages", chat)
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("urn:switchboard:problem:payload-too-large"))
                .body("detail", containsString("1048576"));
    }

    @Test
    void theLocalWebOriginMayCallTheApiFromABrowser() {
        given().header("Origin", "http://localhost:8080")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,idempotency-key")
                .options("/api/chats/{id}/messages", chat)
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:8080")
                .header("Access-Control-Allow-Methods", containsString("POST"))
                .header("Access-Control-Allow-Headers", containsString("Idempotency-Key"));
    }

    @Test
    void anotherOriginIsNotAllowed() {
        given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .options("/api/chats/{id}/messages", chat)
                .then().header("Access-Control-Allow-Origin", nullValue());
    }
}
