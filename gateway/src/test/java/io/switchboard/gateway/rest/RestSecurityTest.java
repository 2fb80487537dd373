package io.switchboard.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.switchboard.gateway.GatewayFixtures;
import io.switchboard.infra.auth.LocalKeys;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.testing.kafka.RawProducer;

/**
 * Who may call the REST API: a matrix of bad credentials against every kind of endpoint, each refused with
 * a 401 problem before anything happens; a token without tenant is a 403; another tenant sees 404.
 */
@QuarkusTest
@WithTestResource(SwitchboardInfrastructureResource.class)
class RestSecurityTest {

    private static final String CHAT = UUID.randomUUID().toString();

    /** One call of every shape: reads, commands with and without body, proxies. */
    static List<Function<RequestSpecification, Response>> endpoints() {
        return List.of(
                request -> request.get("/api/me"),
                request -> request.get("/api/models"),
                request -> request.get("/api/projects"),
                request -> request.get("/api/chats/{id}/messages", CHAT),
                request -> request.get("/api/chats/{id}/workspace", CHAT),
                request -> request.contentType(ContentType.JSON).body("{\"text\":\"hi\"}")
                        .post("/api/chats/{id}/messages", CHAT),
                request -> request.post("/api/chats/{id}/stop", CHAT),
                request -> request.delete("/api/chats/{id}/turns/{turn}", CHAT, UUID.randomUUID()),
                request -> request.contentType(ContentType.JSON).body("{\"text\":\"hi\",\"chatIds\":[\"" + CHAT + "\"]}")
                        .post("/api/broadcast"));
    }

    static List<String> badTokens() {
        String valid = TestTokens.bearer("tenant-a", "alice");
        return List.of(
                TestTokens.expired("tenant-a", "alice"),
                TestTokens.fromIssuer("https://another-issuer.example", "tenant-a", "alice"),
                tamper(valid),
                valid.substring(0, valid.length() - 4) + "AAAA",
                LocalKeys.ephemeral().issueToken(TestTokens.ISSUER, "tenant-a", "alice", Set.of("user"),
                        TestTokens.VALIDITY),
                "not-a-jwt",
                // A service's token is for the service it names, never for the API...
                TestTokens.service(),
                // ...and a user's token for another audience is no token for the API either.
                TestTokens.forAudience("git-workspace-service", "tenant-a", "alice", Set.of("user")),
                TestTokens.forAudience("some-other-api", "tenant-a", "alice", Set.of("user")));
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void withoutATokenEveryEndpointIsA401Problem(Function<RequestSpecification, Response> endpoint) {
        endpoint.apply(given())
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", equalTo("urn:switchboard:problem:unauthorized"))
                .body("status", equalTo(401));
    }

    @ParameterizedTest
    @MethodSource("badTokens")
    void everyBadTokenIsA401ProblemOnEveryEndpoint(String token) {
        for (Function<RequestSpecification, Response> endpoint : endpoints()) {
            endpoint.apply(given().auth().oauth2(token))
                    .then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", startsWith("Bearer"))
                    .body("type", equalTo("urn:switchboard:problem:unauthorized"));
        }
    }

    @Test
    void aTokenWithoutTenantIsA403Problem() {
        given().auth().oauth2(TestTokens.bearer(" ", "alice")).get("/api/me")
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:switchboard:problem:no-tenant"));
        given().auth().oauth2(TestTokens.bearer(" ", "alice")).post("/api/chats/{id}/stop", CHAT)
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void aValidTokenNamesItsCaller() {
        given().auth().oauth2(TestTokens.bearer("tenant-a", "alice", Set.of("user", "admin"))).get("/api/me")
                .then().statusCode(200)
                .body("tenantId", equalTo("tenant-a"))
                .body("userId", equalTo("alice"))
                .body("roles", contains("admin", "user"));
    }

    @Test
    void anotherTenantsChatIsNotFoundAndAMemberOfTheSameTenantsProjectMayCommandIt() {
        try (RawProducer producer = RawProducer.create()) {
            UUID projectId = UUID.randomUUID();
            String chatId = KnownChats.awaitKnown(
                    GatewayFixtures.announceChat(producer, "tenant-a", "alice", projectId, "offline"));
            given().auth().oauth2(TestTokens.bearer("tenant-b", "mallory")).post("/api/chats/{id}/stop", chatId)
                    .then().statusCode(404).contentType("application/problem+json");
            GatewayFixtures.announceMember(producer, "tenant-a", projectId, 2, "bob", "editor", Instant.now());
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth()
                    .oauth2(TestTokens.bearer("tenant-a", "bob")).post("/api/chats/{id}/stop", chatId)
                    .then().statusCode(202));
        }
    }

    /** The same token with another tenant in its claims and the original signature. */
    private static String tamper(String token) {
        String[] parts = token.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"tenant\":\"tenant-a\"", "\"tenant\":\"tenant-b\"");
        if (!claims.contains("tenant-b")) {
            throw new IllegalStateException("The token's claims changed shape: " + claims);
        }
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }
}
