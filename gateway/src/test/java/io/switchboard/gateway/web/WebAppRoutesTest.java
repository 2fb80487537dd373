package io.switchboard.gateway.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.DecoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.switchboard.testing.ManagementInterface;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.TestTokens;

/** The gateway serves the browser app's bundle from its own origin, with its caching and security headers. */
@QuarkusTest
@WithTestResource(SwitchboardInfrastructureResource.class)
class WebAppRoutesTest {

    private static final Pattern SCRIPT = Pattern.compile("src=\"(/assets/index-[A-Za-z0-9_-]+\\.js)\"");

    @Test
    void theEntryPageIsNeverCachedAndCarriesTheContentSecurityPolicy() {
        given().get("/")
                .then().statusCode(200)
                .contentType(startsWith("text/html"))
                .header("Cache-Control", equalTo("no-cache"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .body(containsString("<div id=\"root\"></div>"));
    }

    @Test
    void aDeepLinkIntoTheAppAnswersTheEntryPage() {
        String index = given().get("/").asString();
        given().get("/chats/" + UUID.randomUUID()).then().statusCode(200).body(equalTo(index));
        given().get("/views/" + UUID.randomUUID()).then().statusCode(200).body(equalTo(index));
        given().get("/auth/callback?code=x&state=y").then().statusCode(200).body(equalTo(index));
    }

    @Test
    void withoutAProviderClientTheAppSignsInWithTheLocalTokenAndConnectsOnlyToItsOrigin() {
        given().get("/api/sign-in").then().statusCode(200)
                .body("mode", equalTo("local"))
                .body("clientId", equalTo(null))
                .body("issuer", equalTo(null));
        given().get("/").then().header("Content-Security-Policy", containsString("connect-src 'self';"));
    }

    @Test
    void hashedAssetsAreCachedForAYearAndSentCompressed() {
        String script = scriptOf(given().get("/").asString());
        Response plain = given().config(RestAssuredConfig.config().decoderConfig(
                DecoderConfig.decoderConfig().noContentDecoders())).header("Accept-Encoding", "identity").get(script);
        plain.then().statusCode(200)
                .contentType(startsWith("text/javascript"))
                .header("Cache-Control", equalTo("public, max-age=31536000, immutable"))
                .header("Content-Encoding", equalTo(null));
        Response gzipped = given().config(RestAssuredConfig.config().decoderConfig(
                DecoderConfig.decoderConfig().noContentDecoders())).header("Accept-Encoding", "gzip").get(script);
        gzipped.then().statusCode(200).header("Content-Encoding", equalTo("gzip"));
        assertThat(gzipped.asByteArray().length).isLessThan(plain.asByteArray().length / 2);

        String etag = plain.header("ETag");
        given().header("If-None-Match", etag).get(script).then().statusCode(304);
    }

    @Test
    void nothingButTheBundleIsReachable() {
        given().get("/assets/missing-0000.js").then().statusCode(404);
        given().get("/assets/..%2f..%2fapplication.properties").then().statusCode(404);
        given().get("/application.properties").then().statusCode(404);
        given().get("/META-INF/switchboard-web/index.html").then().statusCode(404);
        given().get("/io/switchboard/gateway/web/WebAssets.class").then().statusCode(404);
    }

    @Test
    void hostilePathsGetA4xxAndTheGatewayGoesOnAnswering() {
        List<String> paths = List.of("/%00", "/assets/%00.js", "/chats/%00", "/chats/%ED%A0%80", "/assets/%ED%A0%80.js",
                "/%C0%AE%C0%AE/application.properties", "/assets/" + "a".repeat(5000) + ".js",
                "/a".repeat(1500), "/views/" + "x".repeat(65), "/chats/..%2f..%2fapi%2fme");
        for (String path : paths) {
            int status = given().urlEncodingEnabled(false).get(path).then().extract().statusCode();
            assertThat(status).as("GET %s", path.length() > 80 ? path.substring(0, 80) + "..." : path).isBetween(400, 499);
        }
        assertThat(given().contentType("application/json").body("{\"a\":" + "[".repeat(2000) + "]".repeat(2000) + "}")
                .post("/").then().extract().statusCode()).isBetween(400, 499);
        given().get("/").then().statusCode(200);
        given().auth().oauth2(TestTokens.bearer("tenant-b", "bob")).get("/api/me")
                .then().statusCode(200).body("tenantId", equalTo("tenant-b"));
    }

    @Test
    void theApiIsNotShadowedByTheApp() {
        given().get("/api/projects").then().statusCode(401)
                .contentType(startsWith("application/problem+json"))
                .header("Content-Security-Policy", not(containsString("script-src")));
        given().baseUri(ManagementInterface.baseUri()).get("/q/health/live").then().statusCode(200);
    }

    @Test
    void managementEndpointsAreNotOnThePublicPort() {
        for (String path : List.of("/q/metrics", "/q/health", "/q/health/ready", "/q/openapi", "/q/swagger-ui/",
                "/q/dev-ui")) {
            given().get(path).then().statusCode(404).contentType(startsWith("application/problem+json"));
        }
        given().baseUri(ManagementInterface.baseUri()).get("/q/metrics").then().statusCode(200)
                .body(containsString("jvm_"));
        given().baseUri(ManagementInterface.baseUri()).get("/q/health/ready").then().statusCode(200);
    }

    private static String scriptOf(String index) {
        Matcher matcher = SCRIPT.matcher(index);
        assertThat(matcher.find()).as("the entry page names its script: %s", index).isTrue();
        return matcher.group(1);
    }
}
