package io.switchboard.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.TestTokens;

/** One user looping on the API meets a 429 with Retry-After; another user, and another tenant, do not. */
@QuarkusTest
@TestProfile(ApiRateLimitTest.SmallLimits.class)
@WithTestResource(SwitchboardInfrastructureResource.class)
class ApiRateLimitTest {

    public static class SmallLimits implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "switchboard.api.user-requests-per-second", "0.01",
                    "switchboard.api.user-burst", "5",
                    "switchboard.api.tenant-requests-per-second", "0.01",
                    "switchboard.api.tenant-burst", "8");
        }
    }

    @Test
    void aUserBeyondItsBurstGetsA429AndTheTenantLimitHoldsForAllItsUsers() {
        String alice = TestTokens.bearer("tenant-rl", "alice");
        List<Integer> statuses = new ArrayList<>();
        Response limited = null;
        for (int i = 0; i < 7; i++) {
            Response response = given().auth().oauth2(alice).get("/api/me");
            statuses.add(response.statusCode());
            if (response.statusCode() == 429) {
                limited = response;
            }
        }
        assertThat(statuses.subList(0, 5)).containsOnly(200);
        assertThat(statuses.subList(5, 7)).containsOnly(429);
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(limited.jsonPath().getString("type")).isEqualTo("urn:switchboard:problem:rate-limited");
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 101);

        // Another user of the tenant has a bucket of its own, until the tenant's runs dry (8 at once).
        String bob = TestTokens.bearer("tenant-rl", "bob");
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(bob).get("/api/me").then().statusCode(200);
        }
        given().auth().oauth2(bob).get("/api/me").then().statusCode(429)
                .body("detail", startsWith("Too many requests from this tenant"));

        // Another tenant is not affected at all.
        given().auth().oauth2(TestTokens.bearer("tenant-calm", "carol")).get("/api/me").then().statusCode(200);
    }
}
