package io.switchboard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class TestTokensTest {

    @BeforeAll
    static void startInfrastructure() {
        TestInfrastructure.ensureStarted();
    }

    @Test
    void signsTokensThatThePublishedPublicKeyVerifies() throws Exception {
        String[] parts = TestTokens.bearer("tenant-a", "alice").split("\\.");

        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initVerify(KeyFactory.getInstance("RSA").generatePublic(
                new X509EncodedKeySpec(Base64.getDecoder().decode(TestInfrastructure.publicKeyBase64()))));
        signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(signature.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();

        JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(claims.get("iss").asText()).isEqualTo(TestTokens.ISSUER);
        assertThat(claims.get("sub").asText()).isEqualTo("alice");
        assertThat(claims.get("tenant").asText()).isEqualTo("tenant-a");
        assertThat(claims.get("groups").toString()).isEqualTo("[\"user\"]");
        assertThat(Instant.ofEpochSecond(claims.get("exp").asLong())).isAfter(Instant.now().plusSeconds(3500));
    }

    @Test
    void carriesTheGivenRoles() throws Exception {
        String payload = TestTokens.bearer("tenant-a", "bob", Set.of("user", "admin")).split("\\.")[1];

        JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(payload));
        assertThat(claims.get("groups").toString()).isEqualTo("[\"admin\",\"user\"]");
    }

    @Test
    void expiredTokensLieInThePastAndForeignIssuerTokensNameTheirIssuer() throws Exception {
        JsonNode expired = new ObjectMapper().readTree(
                Base64.getUrlDecoder().decode(TestTokens.expired("tenant-a", "alice").split("\\.")[1]));
        assertThat(Instant.ofEpochSecond(expired.get("exp").asLong())).isBefore(Instant.now().minusSeconds(500));
        assertThat(expired.get("iss").asText()).isEqualTo(TestTokens.ISSUER);

        JsonNode foreign = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(
                TestTokens.fromIssuer("https://elsewhere.example", "tenant-a", "alice").split("\\.")[1]));
        assertThat(foreign.get("iss").asText()).isEqualTo("https://elsewhere.example");
        assertThat(Instant.ofEpochSecond(foreign.get("exp").asLong())).isAfter(Instant.now());
    }
}
