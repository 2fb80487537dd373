package io.switchboard.chat.llm.anthropic;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.switchboard.chat.llm.provider.ProviderTestKit.events;
import static io.switchboard.chat.llm.provider.ProviderTestKit.failure;
import static io.switchboard.chat.llm.provider.ProviderTestKit.fixture;
import static io.switchboard.chat.llm.provider.ProviderTestKit.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.switchboard.chat.llm.ChatMessage;
import io.switchboard.chat.llm.ChatModel;
import io.switchboard.chat.llm.ModelEvent;
import io.switchboard.chat.llm.ModelException;
import io.switchboard.chat.llm.ModelRequest;
import io.switchboard.chat.llm.ToolSpec;
import io.switchboard.chat.llm.provider.ProviderTestKit;
import io.switchboard.chat.llm.provider.RetryPolicy;
import io.switchboard.events.chat.TokenUsage;

/** The Anthropic adapter against recorded Messages API streams. */
class AnthropicModelTest {

    private static final String PATH = "/v1/messages";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @Test
    void streamsTextAndEndsWithTheProvidersUsage() {
        stream("text.sse");

        List<ModelEvent> events = events(model(ProviderTestKit.quickRetries()), ProviderTestKit.ask("Explain keys"));

        assertThat(events).filteredOn(ModelEvent.Text.class::isInstance).hasSize(8);
        assertThat(text(events)).isEqualTo("Each chat has its own partition key.");
        assertThat(events).last().isEqualTo(new ModelEvent.Finished(new TokenUsage(25, 15)));
        assertThat(events).filteredOn(ModelEvent.Finished.class::isInstance).hasSize(1);
    }

    @Test
    void emitsTheToolCallOnceItsArgumentsAreComplete() {
        stream("tool-call.sse");

        List<ModelEvent> events = events(model(ProviderTestKit.quickRetries()), ProviderTestKit.ask("Read it"));

        assertThat(events).containsExactly(
                new ModelEvent.Text("I'll read"),
                new ModelEvent.Text(" the README."),
                new ModelEvent.ToolCall("toolu_01T1x1fJ34qAmk2tNTrN7Up6", "read_file",
                        "{\"path\": \"docs/README.md\"}"),
                new ModelEvent.Finished(new TokenUsage(472, 89)));
    }

    @Test
    void aStreamCutAfterTextFailsAsMalformedWithoutRetry() {
        stream("cut.sse");

        ProviderTestKit.Failed failed = failure(model(ProviderTestKit.quickRetries()), ProviderTestKit.ask("Explain"));

        assertThat(text(failed.before())).isEqualTo("Each chat has its");
        assertThat(failed.failure().reason()).isEqualTo(ModelException.MALFORMED_STREAM);
        assertThat(failed.failure().retryable()).isFalse();
        server.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void anOverloadedErrorAfterTextFailsWithoutRetry() {
        stream("error-mid-stream.sse");

        ProviderTestKit.Failed failed = failure(model(ProviderTestKit.quickRetries()), ProviderTestKit.ask("Explain"));

        assertThat(text(failed.before())).isEqualTo("Each chat has");
        assertThat(failed.failure().reason()).isEqualTo(ModelException.PROVIDER_ERROR);
        assertThat(failed.failure().getMessage()).contains("Overloaded");
        assertThat(failed.failure().retryable()).isFalse();
        server.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void anOverloadedErrorBeforeAnyTextIsRetried() {
        server.stubFor(post(PATH).inScenario("overloaded").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(sse("overloaded-before-text.sse")).willSetStateTo("recovered"));
        server.stubFor(post(PATH).inScenario("overloaded").whenScenarioStateIs("recovered")
                .willReturn(sse("text.sse")));

        List<ModelEvent> events = events(model(ProviderTestKit.quickRetries()), ProviderTestKit.ask("Explain keys"));

        assertThat(text(events)).isEqualTo("Each chat has its own partition key.");
        server.verify(2, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void aServerErrorBeforeTheFirstTokenIsRetried() {
        server.stubFor(post(PATH).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(500, "server-error.json")).willSetStateTo("recovered"));
        server.stubFor(post(PATH).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(sse("text.sse")));

        List<ModelEvent> events = events(model(ProviderTestKit.quickRetries()), ProviderTestKit.ask("Explain keys"));

        assertThat(text(events)).isEqualTo("Each chat has its own partition key.");
        server.verify(2, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void aPersistentlyOverloadedProviderIsReportedUnavailableAfterTheRetries() {
        server.stubFor(post(PATH).willReturn(json(529, "overloaded.json")));

        ProviderTestKit.Failed failed = failure(model(ProviderTestKit.quickRetries()), ProviderTestKit.ask("Hi"));

        assertThat(failed.failure().reason()).isEqualTo(ModelException.PROVIDER_UNAVAILABLE);
        server.verify(3, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void aRejectedKeyIsNotRetried() {
        server.stubFor(post(PATH).willReturn(json(401, "unauthorized.json")));

        ProviderTestKit.Failed failed = failure(model(ProviderTestKit.quickRetries()), ProviderTestKit.ask("Hi"));

        assertThat(failed.before()).isEmpty();
        assertThat(failed.failure().reason()).isEqualTo(ModelException.AUTHENTICATION);
        assertThat(failed.failure().retryable()).isFalse();
        assertThat(failed.failure().getMessage()).contains("HTTP 401", "invalid x-api-key");
        server.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void aPromptTooLongIsReportedAsSuch() {
        server.stubFor(post(PATH).willReturn(json(400, "prompt-too-long.json")));

        ProviderTestKit.Failed failed = failure(model(ProviderTestKit.quickRetries()), ProviderTestKit.ask("Hi"));

        assertThat(failed.failure().reason()).isEqualTo(ModelException.CONTEXT_TOO_LONG);
        assertThat(failed.failure().retryable()).isFalse();
        server.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void aProviderSilentBeforeItsFirstEventTimesOutAndIsRetried() {
        server.stubFor(post(PATH).willReturn(sse("text.sse").withFixedDelay(10000)));
        RetryPolicy policy = new RetryPolicy(1, Duration.ofMillis(20), Duration.ofSeconds(2), Duration.ofSeconds(5));

        ProviderTestKit.Failed failed = failure(model(policy), ProviderTestKit.ask("Hi"));

        assertThat(failed.before()).isEmpty();
        assertThat(failed.failure().reason()).isEqualTo(ModelException.PROVIDER_TIMEOUT);
        server.verify(2, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void aStreamThatStallsAfterTextTimesOutWithoutRetry() {
        // The body comes in two halves, at three and six seconds: the stream goes quiet in between.
        server.stubFor(post(PATH).willReturn(sse("long-text.sse").withChunkedDribbleDelay(2, 6000)));
        RetryPolicy policy = new RetryPolicy(2, Duration.ofMillis(20), Duration.ofSeconds(10), Duration.ofSeconds(1));

        ProviderTestKit.Failed failed = failure(model(policy), ProviderTestKit.ask("Hi"));

        assertThat(text(failed.before())).startsWith("Each chat has its own partition key.");
        assertThat(failed.failure().reason()).isEqualTo(ModelException.PROVIDER_TIMEOUT);
        assertThat(failed.failure().retryable()).isFalse();
        server.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void sendsTheWholeConversationAndTheToolSchemas() throws Exception {
        stream("text.sse");
        ModelRequest request = new ModelRequest("chat-under-test", "test-model", List.of(
                new ChatMessage.System("You work in the chat's own branch."),
                new ChatMessage.User("What is in the README?"),
                new ChatMessage.Assistant("Let me look.", List.of(
                        new ModelEvent.ToolCall("toolu_1", "read_file", "{\"path\":\"README.md\"}"))),
                new ChatMessage.ToolResult("toolu_1", "read_file", "# Switchboard", false),
                new ChatMessage.Assistant("", List.of(
                        new ModelEvent.ToolCall("toolu_2", "read_file", "{\"path\":\"MISSING.md\"}"))),
                new ChatMessage.ToolResult("toolu_2", "read_file", "no such file", true),
                new ChatMessage.User("Summarise it.")),
                List.of(new ToolSpec("read_file", "Reads a file of the chat's working directory",
                        JSON.readTree(fixture("openai/read-file-schema.json")))));

        events(model(ProviderTestKit.quickRetries()), request);

        LoggedRequest sent = server.getAllServeEvents().get(0).getRequest();
        JsonNode expected = JSON.readTree(fixture("anthropic/expected-request.json"));
        assertThat(JSON.readTree(sent.getBodyAsString())).isEqualTo(expected);
        assertThat(sent.getHeader("x-api-key")).isEqualTo(ProviderTestKit.API_KEY);
        assertThat(sent.getHeader("anthropic-version")).isEqualTo("2023-06-01");
    }

    private void stream(String fixture) {
        server.stubFor(post(PATH).willReturn(sse(fixture)));
    }

    private static ResponseDefinitionBuilder sse(String fixture) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream")
                .withBody(fixture("anthropic/" + fixture));
    }

    private static ResponseDefinitionBuilder json(int status, String fixture) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(fixture("anthropic/" + fixture));
    }

    private ChatModel model(RetryPolicy policy) {
        return ProviderTestKit.guarded(ProviderTestKit.settings(AnthropicModel.PROVIDER, server.baseUrl() + "/v1",
                policy), AnthropicModel::new);
    }
}
