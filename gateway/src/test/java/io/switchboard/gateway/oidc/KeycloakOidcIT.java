package io.switchboard.gateway.oidc;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.switchboard.events.Envelope;
import io.switchboard.events.Topics;
import io.switchboard.events.command.StopTurn;
import io.switchboard.events.json.EventJson;
import io.switchboard.gateway.GatewayFixtures;
import io.switchboard.testing.TestTokens;
import io.switchboard.testing.kafka.RawProducer;
import io.switchboard.testing.kafka.RecordCollector;

/**
 * The packaged gateway against a real OIDC provider (Keycloak, realm {@code switchboard}): its tokens are
 * accepted and name the tenant (a user attribute mapped to the {@code tenant} claim), the user ({@code sub})
 * and the roles ({@code realm_access/roles}); tampered, expired, other-realm and locally signed tokens are not.
 */
@QuarkusIntegrationTest
@WithTestResource(KeycloakResource.class)
class KeycloakOidcIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aKeycloakTokenIsAcceptedAndNamesTenantUserAndRoles() {
        String token = token(KeycloakResource.REALM_URL_PROPERTY, "switchboard-cli");
        JsonNode claims = claims(token);
        assertThat(claims.path("iss").asText()).isEqualTo(System.getProperty(KeycloakResource.REALM_URL_PROPERTY));
        assertThat(audiences(claims)).contains("switchboard");

        given().auth().oauth2(token).get("/api/me")
                .then().statusCode(200)
                .body("tenantId", equalTo("acme"))
                .body("userId", equalTo(claims.path("sub").asText()))
                .body("roles", hasItem("switchboard-user"));
    }

    @Test
    void aCommandCarriesTheTenantAndUserKeycloakNamed() {
        String token = token(KeycloakResource.REALM_URL_PROPERTY, "switchboard-cli");
        String subject = claims(token).path("sub").asText();
        try (RawProducer producer = RawProducer.create();
                RecordCollector commands = RecordCollector.fromEnd(Topics.CHAT_COMMANDS)) {
            // Created by the Keycloak user, who may therefore command it.
            String chatId = GatewayFixtures.announceChat(producer, "acme", subject, "offline");

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(token)
                    .post("/api/chats/{id}/stop", chatId).then().statusCode(202));

            ConsumerRecord<String, byte[]> record = commands.awaitRecord(r -> chatId.equals(r.key()),
                    Duration.ofSeconds(30));
            Envelope command = EventJson.fromBytes(record.value());
            assertThat(command.chatId()).isEqualTo(record.key());
            assertThat(command.tenantId()).isEqualTo("acme");
            assertThat(command.payloadAs(StopTurn.class).userId()).isEqualTo(subject);
        }
    }

    @Test
    void aTamperedTokenIsRefused() {
        String token = token(KeycloakResource.REALM_URL_PROPERTY, "switchboard-cli");
        String[] parts = token.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"tenant\":\"acme\"", "\"tenant\":\"globex\"");
        assertThat(claims).contains("globex");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        assertUnauthorized(tampered);
        given().auth().oauth2(token).get("/api/me").then().statusCode(200).body("tenantId", equalTo("acme"));
    }

    @Test
    void anExpiredTokenIsRefused() {
        // This client's tokens live 15 s: accepted at first, refused once their exp has passed.
        String token = token(KeycloakResource.REALM_URL_PROPERTY, "switchboard-short-lived");
        JsonNode claims = claims(token);
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(15);
        given().auth().oauth2(token).get("/api/me").then().statusCode(200);

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2))
                .until(() -> Instant.now().getEpochSecond() > claims.path("exp").asLong() + 1);
        assertUnauthorized(token);
    }

    @Test
    void aTokenOfAnotherRealmIsRefused() {
        String foreign = token(KeycloakResource.OTHER_REALM_URL_PROPERTY, "switchboard-cli");
        // Same user, tenant and client, another issuer and signing key.
        assertThat(claims(foreign).path("tenant").asText()).isEqualTo("acme");

        assertUnauthorized(foreign);
    }

    @Test
    void theLocalKeyModeIsOffOnceAProviderIsConfigured() {
        assertUnauthorized(TestTokens.bearer("acme", "alice"));
        given().get("/api/me").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void chatServicesClientCredentialsTokenIsForGitWorkspaceServiceOnlyAndTheGatewayRefusesIt() {
        String form = "grant_type=client_credentials&client_id=chat-service&client_secret="
                + "test-only-chat-service-secret";
        String token = accessToken(post(System.getProperty(KeycloakResource.REALM_URL_PROPERTY)
                + "/protocol/openid-connect/token", form));
        JsonNode claims = claims(token);
        assertThat(audiences(claims)).contains("git-workspace-service").doesNotContain("switchboard");
        assertThat(claims.at("/realm_access/roles")).extracting(JsonNode::asText).contains("switchboard-service");
        assertUnauthorized(token);
    }

    private static void assertUnauthorized(String token) {
        given().auth().oauth2(token).get("/api/me")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", equalTo("urn:switchboard:problem:unauthorized"));
    }

    /** A password-grant access token for alice from the realm at the URL the property names. */
    private static String token(String realmUrlProperty, String clientId) {
        String form = "grant_type=password&client_id=" + clientId
                + "&username=alice&password=alice-password&scope=openid";
        return accessToken(post(System.getProperty(realmUrlProperty) + "/protocol/openid-connect/token", form));
    }

    private static String accessToken(String tokenResponse) {
        try {
            return JSON.readTree(tokenResponse).path("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The aud claim, a text or a list of texts. */
    private static List<String> audiences(JsonNode claims) {
        JsonNode aud = claims.path("aud");
        if (aud.isArray()) {
            List<String> all = new ArrayList<>();
            aud.forEach(value -> all.add(value.asText()));
            return all;
        }
        return List.of(aud.asText());
    }

    private static String post(String url, String form) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("token response %s", response.body()).isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode claims(String token) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
