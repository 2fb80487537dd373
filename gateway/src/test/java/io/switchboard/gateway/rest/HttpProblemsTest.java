package io.switchboard.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
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
        String huge = "{\"text\":\"" + "x".repeat(4 * 1024 * 1024 + 10) + "\"}";
        given().auth().oauth2(alice).contentType(ContentType.JSON).body(huge)
                .post("/api/chats/{id}/messages", chat)
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("urn:switchboard:problem:payload-too-large"))
                .body("detail", containsString("4194304"));
    }

    /**
     * Without Content-Length the limit is only met while the REST layer reads the body, and Quarkus ends
     * the exchange there itself: a 413 without a problem body (documented in docs/api.md).
     */
    @Test
    void aChunkedBodyOverTheLimitIsRefusedToo() throws Exception {
        byte[] huge = ("{\"text\":\"" + "x".repeat(4 * 1024 * 1024 + 10) + "\"}").getBytes(StandardCharsets.UTF_8);
        // A stream of unknown length goes out chunked, without Content-Length: the limit is met while reading.
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port
                        + "/api/chats/" + chat + "/messages"))
                .header("Authorization", "Bearer " + alice)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge)))
                .build();
        int status;
        try {
            status = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (IOException e) {
            // The server answers 413 and closes while the client is still sending: depending on timing the
            // client sees the answer or only the closed connection. Either way the body was refused.
            status = 413;
        }

        assertThat(status).isEqualTo(413);
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
