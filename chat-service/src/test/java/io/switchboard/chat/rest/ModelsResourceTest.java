package io.switchboard.chat.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.infra.Databases;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.TestTokens;

/** GET /models lists the offline model and every configured provider model, to signed-in callers only. */
@QuarkusTest
@TestProfile(ModelsResourceTest.TwoProviders.class)
@WithTestResource(value = SwitchboardInfrastructureResource.class,
        initArgs = @ResourceArg(name = SwitchboardInfrastructureResource.DATABASE, value = Databases.CHATS))
class ModelsResourceTest {

    private static final String OPENAI_KEY = "sk-test-never-shown";

    /** An OpenAI-compatible endpoint with an alias, and Anthropic; nothing is called, so no server is needed. */
    public static class TwoProviders implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "switchboard.providers.openai.local.base-url", "http://127.0.0.1:9/v1",
                    "switchboard.providers.openai.local.api-key", OPENAI_KEY,
                    "switchboard.providers.openai.local.models", "gpt-4o-mini,ollama/llama3=llama3.1:8b",
                    "switchboard.providers.openai.local.context-window-tokens", "8192",
                    "switchboard.providers.anthropic.claude.api-key", "sk-ant-test-never-shown",
                    "switchboard.providers.anthropic.claude.models", "claude-sonnet-4-5",
                    "switchboard.providers.anthropic.claude.context-window-tokens", "200000");
        }
    }

    @Test
    void listsEveryModelWithTheDefault() {
        given().auth().oauth2(TestTokens.bearer("tenant-models", "user-1"))
                .get("/models")
                .then().statusCode(200)
                .contentType(startsWith("application/json"))
                .body("defaultModel", equalTo("offline"))
                .body("models.name", contains("claude-sonnet-4-5", "gpt-4o-mini", "offline", "ollama/llama3"))
                .body("models.provider", contains("anthropic", "openai", "offline", "openai"))
                .body("models.contextWindowTokens", contains(200000, 8192, 32000, 8192))
                .body("models.supportsTools", contains(true, true, true, true))
                .body(not(containsString(OPENAI_KEY)));
    }

    @Test
    void aCallerWithoutTokenIsRefused() {
        given().get("/models")
                .then().statusCode(401);
    }

    @Test
    void aServiceTokenOrATokenForAnotherAudienceIsRefused() {
        for (String token : List.of(TestTokens.service(),
                TestTokens.forAudience("git-workspace-service", "tenant-a", "alice", Set.of("user")))) {
            given().auth().oauth2(token).get("/models").then().statusCode(401);
        }
        given().auth().oauth2(TestTokens.bearer("tenant-a", "alice")).get("/models").then().statusCode(200);
    }
}
