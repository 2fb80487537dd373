package io.switchboard.gateway.oidc;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.options.AriaRole;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import io.switchboard.testing.browser.Chromium;

/**
 * The browser app signing in at a real OIDC provider (Keycloak, client {@code switchboard-web}) in a real
 * Chromium: the authorization code flow with PKCE from a deep link and back to it, a token renewed from the
 * refresh token without leaving the app, and a forged answer from "the provider" refused without a loop.
 */
@QuarkusIntegrationTest
@WithTestResource(KeycloakResource.class)
class BrowserSignInIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static Chromium chromium;
    private BrowserContext context;
    private Page page;
    private final List<String> navigations = new CopyOnWriteArrayList<>();
    /** What the page logged: the reason, when a sign-in step fails. */
    private final List<String> console = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void launchBrowser() {
        chromium = Chromium.launch();
    }

    @AfterAll
    static void closeBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    void openPage() {
        context = chromium.browser().newContext();
        context.setDefaultTimeout(WAIT.toMillis());
        page = context.newPage();
        page.onConsoleMessage(message -> console.add(message.type() + ": " + message.text()));
        page.onPageError(error -> console.add("page error: " + error));
        page.onFrameNavigated(frame -> {
            if (frame == page.mainFrame()) {
                navigations.add(frame.url());
            }
        });
    }

    @AfterEach
    void closePage() {
        context.close();
    }

    @Test
    void theGatewayTellsTheAppToSignInAtTheProviderAndLetsItConnectThere() {
        String realm = System.getProperty(KeycloakResource.REALM_URL_PROPERTY);
        given().get("/api/sign-in").then().statusCode(200)
                .body("mode", equalTo("oidc"))
                .body("issuer", equalTo(realm))
                .body("clientId", equalTo("switchboard-web"))
                .body("scope", equalTo("openid"));
        given().get("/").then().statusCode(200)
                .header("Content-Security-Policy", containsString("connect-src 'self' " + origin(realm) + ";"));
    }

    @Test
    void aDeepLinkSignsInWithPkceAndLandsWhereItPointed() {
        page.navigate(app("/chats/c-deep-link"));
        signInAtKeycloak();

        await().atMost(WAIT).untilAsserted(() -> assertThat(path()).as("console %s", console)
                .isEqualTo("/chats/c-deep-link"));
        JsonNode claims = claims(storedToken());
        assertThat(claims.path("iss").asText()).isEqualTo(System.getProperty(KeycloakResource.REALM_URL_PROPERTY));
        assertThat(claims.path("azp").asText()).isEqualTo("switchboard-web");
        assertThat(claims.path("tenant").asText()).isEqualTo("acme");
        // The provider was asked with a challenge, never with the verifier, and the code never stays in the address.
        String authorization = navigations.stream().filter(url -> url.contains("/protocol/openid-connect/auth"))
                .findFirst().orElseThrow();
        assertThat(authorization).contains("code_challenge_method=S256").contains("code_challenge=")
                .doesNotContain("code_verifier");
        assertThat(page.url()).doesNotContain("code=");
        // What the app holds is a token the gateway accepts for alice of acme.
        assertThat(page.evaluate("fetch('/api/me', {headers: {Authorization: 'Bearer ' + "
                + "localStorage.getItem('switchboard.token')}}).then(r => r.json()).then(me => me.tenantId)"))
                .isEqualTo("acme");
    }

    @Test
    void anExpiredTokenIsRenewedWithoutLeavingTheApp() {
        page.navigate(app("/"));
        signInAtKeycloak();
        await().atMost(WAIT).untilAsserted(() -> assertThat(storedToken()).as("console %s", console).isNotNull());
        String first = storedToken();

        // A token past its expiry: on the next load the app renews it with the refresh token, at the provider's
        // token endpoint, and never sends the browser back to the login page.
        page.evaluate("localStorage.setItem('switchboard.token', 'x.' + btoa(JSON.stringify({exp: 1})) + '.y')");
        navigations.clear();
        page.reload();

        await().atMost(WAIT).untilAsserted(() -> {
            String renewed = storedToken();
            assertThat(renewed).isNotEqualTo(first).doesNotStartWith("x.");
            assertThat(claims(renewed).path("azp").asText()).isEqualTo("switchboard-web");
        });
        assertThat(navigations).noneMatch(url -> url.contains("/protocol/openid-connect/auth"));
        assertThat(path()).isEqualTo("/");
    }

    @Test
    void aForgedAnswerIsRefusedAndTheUserMaySignInAgain() {
        page.navigate(app("/auth/callback?code=stolen&state=forged"));

        assertThat(page.getByRole(AriaRole.ALERT).first().textContent())
                .contains("not asked for by this tab");
        assertThat(path()).isEqualTo("/");
        assertThat(page.evaluate("localStorage.getItem('switchboard.token')")).isNull();
        assertThat(navigations).noneMatch(url -> url.contains("/protocol/openid-connect/auth"));

        page.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Sign in")).click();
        signInAtKeycloak();
        await().atMost(WAIT).untilAsserted(() -> assertThat(storedToken()).as("console %s", console).isNotNull());
    }

    /** Keycloak's own login form, as a person fills it in. */
    private void signInAtKeycloak() {
        page.waitForURL(url -> url.contains("/protocol/openid-connect/auth"));
        page.locator("#username").fill("alice");
        page.locator("#password").fill("alice-password");
        page.locator("#kc-login").click();
        page.waitForURL(url -> url.startsWith(app("/")) && !url.contains("/auth/callback"));
    }

    /** The token the app keeps; null also while the page is between two documents. */
    private String storedToken() {
        try {
            return (String) page.evaluate("localStorage.getItem('switchboard.token')");
        } catch (PlaywrightException e) {
            return null;
        }
    }

    private String path() {
        return URI.create(page.url()).getPath();
    }

    private static String app(String path) {
        return "http://127.0.0.1:" + RestAssured.port + path;
    }

    private static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    private static JsonNode claims(String token) {
        try {
            byte[] payload = Base64.getUrlDecoder().decode(token.split("\\.")[1]);
            return JSON.readTree(new String(payload, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
