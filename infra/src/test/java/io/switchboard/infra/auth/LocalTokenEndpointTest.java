package io.switchboard.infra.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The local client credentials endpoint, spoken to over HTTP as an OAuth2 client library would. */
class LocalTokenEndpointTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ISSUER = "switchboard-local";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static LocalTokenEndpoint endpoint;
    private static LocalTokenEndpoint.Client chat;

    @BeforeAll
    static void start() {
        chat = LocalTokenEndpoint.Client.withRandomSecret("chat-service", "git-workspace-service",
                Set.of("switchboard-service"));
        endpoint = LocalTokenEndpoint.start(LocalKeys.ephemeral(), ISSUER, Duration.ofMinutes(5), List.of(chat));
    }

    @AfterAll
    static void stop() {
        endpoint.close();
    }

    @Test
    void aClientWithItsSecretGetsAShortLivedTokenForItsOneAudience() throws Exception {
        HttpResponse<String> response = post(basic(chat.id(), chat.secret()), "grant_type=client_credentials");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.path("expires_in").asLong()).isEqualTo(300);
        JsonNode claims = claims(body.path("access_token").asText());
        assertThat(claims.path("iss").asText()).isEqualTo(ISSUER);
        assertThat(claims.path("sub").asText()).isEqualTo("chat-service");
        assertThat(claims.path("azp").asText()).isEqualTo("chat-service");
        assertThat(claims.path("aud").asText()).isEqualTo("git-workspace-service");
        assertThat(claims.has("tenant")).as("a service belongs to no tenant").isFalse();
        assertThat(claims.path("groups")).extracting(JsonNode::asText).containsExactly("switchboard-service");
        long lifetime = claims.path("exp").asLong() - Instant.now().getEpochSecond();
        assertThat(lifetime).isBetween(290L, 300L);
    }

    @Test
    void theSecretMayComeInTheFormAndTheLifetimeFollowsTheSetting() throws Exception {
        long before = endpoint.issued();
        endpoint.ttl(Duration.ofSeconds(42));
        try {
            HttpResponse<String> response = post(null, "grant_type=client_credentials&client_id=chat-service"
                    + "&client_secret=" + chat.secret());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(response.body()).path("expires_in").asLong()).isEqualTo(42);
            assertThat(endpoint.issued()).isEqualTo(before + 1);
        } finally {
            endpoint.ttl(Duration.ofMinutes(5));
        }
    }

    @Test
    void aWrongSecretAnUnknownClientOrNoCredentialsAreInvalidClient() throws Exception {
        long before = endpoint.issued();
        for (HttpResponse<String> response : List.of(
                post(basic(chat.id(), chat.secret() + "x"), "grant_type=client_credentials"),
                post(basic("session-service", chat.secret()), "grant_type=client_credentials"),
                post(null, "grant_type=client_credentials"),
                post("Basic not-base64!", "grant_type=client_credentials"))) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    value -> assertThat(value).startsWith("Basic"));
            assertThat(JSON.readTree(response.body()).path("error").asText()).isEqualTo("invalid_client");
            assertThat(response.body()).doesNotContain(chat.secret());
        }
        assertThat(endpoint.issued()).isEqualTo(before);
    }

    @Test
    void onlyTheClientCredentialsGrantIsServed() throws Exception {
        HttpResponse<String> password = post(basic(chat.id(), chat.secret()),
                "grant_type=password&username=alice&password=x");
        assertThat(password.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(password.body()).path("error").asText()).isEqualTo("unsupported_grant_type");

        HttpResponse<String> json = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint.tokenUrl()))
                .header("Authorization", basic(chat.id(), chat.secret())).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"grant_type\":\"client_credentials\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(json.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(json.body()).path("error").asText()).isEqualTo("invalid_request");

        HttpResponse<String> huge = post(basic(chat.id(), chat.secret()),
                "grant_type=client_credentials&pad=" + "x".repeat(20_000));
        assertThat(huge.statusCode()).isEqualTo(400);

        HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint.tokenUrl())).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
    }

    @Test
    void theDiscoveryDocumentNamesTheTokenEndpoint() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create(endpoint.url() + LocalTokenEndpoint.DISCOVERY_PATH)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode document = JSON.readTree(response.body());
        assertThat(document.path("token_endpoint").asText()).isEqualTo(endpoint.tokenUrl());
        assertThat(document.path("grant_types_supported")).extracting(JsonNode::asText)
                .containsExactly("client_credentials");
        assertThat(endpoint.url()).startsWith("http://127.0.0.1:");
    }

    private static HttpResponse<String> post(String authorization, String form)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint.tokenUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode claims(String jwt) throws IOException {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }
}
