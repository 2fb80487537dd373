package io.switchboard.chat.llm.openai;

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

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.switchboard.chat.llm.ChatMessage;
import io.switchboard.chat.llm.ChatModel;
import io.switchboard.chat.llm.ModelEvent;
import io.switchboard.chat.llm.ModelException;
import io.switchboard.chat.llm.ModelRequest;
import io.switchboard.chat.llm.ToolSpec;
import io.switchboard.chat.llm.provider.ProviderTestKit;
import io.switchboard.chat.llm.provider.RetryPolicy;
import io.switchboard.events.chat.TokenUsage;

/** The OpenAI-compatible adapter against recorded chat completions streams. */
class OpenAiCompatibleModelTest {

    private static final String PATH = "/v1/chat/completions";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @Test
    void streamsTextAndEndsWithTheProvidersUsage() {
        stream("text.sse");

        List<ModelEvent> events = events(model(ProviderTestKit.quickRetries()), ProviderTestKit.ask("Explain keys"));

        assertThat(events).filteredOn(ModelEvent.Text.class::isInstance).hasSize(8);
        assertThat(text(events)).isEqualTo("Each chat has its own partition key.");
        assertThat(events).last().isEqualTo(new ModelEvent.Finished(new TokenUsage(31, 9)));
        assertThat(events).filteredOn(ModelEvent.Finished.class::isInstance).hasSize(1);
    }

    @Test
    void emitsParallelToolCallsOnceTheirArgumentsAreComplete() {
        stream("parallel-tool-calls.sse");

        List<ModelEvent> events = events(model(ProviderTestKit.quickRetries()), ProviderTestKit.ask("Look around"));

        assertThat(events).containsExactly(
                new ModelEvent.ToolCall("call_q3Zk8Yh1mXvB2nR4tL6wP9sD", "read_file", "{\"path\": \"docs/README.md\"}"),
                new ModelEvent.ToolCall("call_Vb7Nc2Lp0Qs5Tx8Wz1Ry4Ke6", "list_files",
                        "{\"directory\": \"src\", \"depth\": 2}"),
                new ModelEvent.Finished(new TokenUsage(142, 48)));
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
    void anErrorInsideTheStreamAfterTextFailsWithoutRetry() {
        stream("error-mid-stream.sse");

        ProviderTestKit.Failed failed = failure(model(ProviderTestKit.quickRetries()), ProviderTestKit.ask("Explain"));

        assertThat(text(failed.before())).isEqualTo("Each chat has");
        assertThat(failed.failure().reason()).isEqualTo(ModelException.PROVIDER_ERROR);
        assertThat(failed.failure().getMessage()).contains("The server had an error while processing your request");
        assertThat(failed.failure().retryable()).isFalse();
        server.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void aServerErrorBeforeTheFirstTokenIsRetried() {
        server.stubFor(post(PATH).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                        .withBody(fixture("openai/server-error.json")))
                .willSetStateTo("recovered"));
        server.stubFor(post(PATH).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(sse("text.sse")));

        List<ModelEvent> events = events(model(ProviderTestKit.quickRetries()), ProviderTestKit.ask("Explain keys"));

        assertThat(text(events)).isEqualTo("Each chat has its own partition key.");
        server.verify(2, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void aRejectedKeyIsNotRetriedAndNeverQuoted() {
        server.stubFor(post(PATH).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody(fixture("openai/unauthorized.json"))));

        ProviderTestKit.Failed failed = failure(model(ProviderTestKit.quickRetries()), ProviderTestKit.ask("Hi"));

        assertThat(failed.before()).isEmpty();
        assertThat(failed.failure().reason()).isEqualTo(ModelException.AUTHENTICATION);
        assertThat(failed.failure().retryable()).isFalse();
        assertThat(failed.failure().getMessage()).contains("HTTP 401", "Incorrect API key provided")
                .doesNotContain(ProviderTestKit.API_KEY);
        server.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void rateLimitsAreRetriedAndReportedWhenTheyPersist() {
        server.stubFor(post(PATH).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json").withBody(fixture("openai/rate-limited.json"))));

        ProviderTestKit.Failed failed = failure(model(ProviderTestKit.quickRetries()), ProviderTestKit.ask("Hi"));

        assertThat(failed.failure().reason()).isEqualTo(ModelException.RATE_LIMITED);
        server.verify(3, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void aConversationTooLongForTheModelIsReportedAsSuch() {
        server.stubFor(post(PATH).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody(fixture("openai/context-too-long.json"))));

        ProviderTestKit.Failed failed = failure(model(ProviderTestKit.quickRetries()), ProviderTestKit.ask("Hi"));

        assertThat(failed.failure().reason()).isEqualTo(ModelException.CONTEXT_TOO_LONG);
        assertThat(failed.failure().retryable()).isFalse();
        server.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void anEndpointThatRefusesConnectionsIsUnavailableAfterTheRetries() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        ChatModel model = ProviderTestKit.guarded(ProviderTestKit.settings(OpenAiCompatibleModel.PROVIDER,
                "http://127.0.0.1:" + closedPort + "/v1", ProviderTestKit.quickRetries()), OpenAiCompatibleModel::new);

        ProviderTestKit.Failed failed = failure(model, ProviderTestKit.ask("Hi"));

        assertThat(failed.failure().reason()).isEqualTo(ModelException.PROVIDER_UNAVAILABLE);
        assertThat(failed.failure().getMessage()).contains("cannot be reached");
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
                        new ModelEvent.ToolCall("call_1", "read_file", "{\"path\":\"README.md\"}"))),
                new ChatMessage.ToolResult("call_1", "read_file", "# Switchboard", false),
                new ChatMessage.Assistant("", List.of(
                        new ModelEvent.ToolCall("call_2", "read_file", "{\"path\":\"MISSING.md\"}"))),
                new ChatMessage.ToolResult("call_2", "read_file", "no such file", true),
                new ChatMessage.User("Summarise it.")),
                List.of(new ToolSpec("read_file", "Reads a file of the chat's working directory",
                        JSON.readTree(fixture("openai/read-file-schema.json")))));

        events(model(ProviderTestKit.quickRetries()), request);

        JsonNode sent = JSON.readTree(server.getAllServeEvents().get(0).getRequest().getBodyAsString());
        JsonNode expected = JSON.readTree(fixture("openai/expected-request.json"));
        assertThat(sent).isEqualTo(expected);
        assertThat(server.getAllServeEvents().get(0).getRequest().getHeader("Authorization"))
                .isEqualTo("Bearer " + ProviderTestKit.API_KEY);
    }

    private void stream(String fixture) {
        server.stubFor(post(PATH).willReturn(sse(fixture)));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder sse(String fixture) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream")
                .withBody(fixture("openai/" + fixture));
    }

    private ChatModel model(RetryPolicy policy) {
        return ProviderTestKit.guarded(ProviderTestKit.settings(OpenAiCompatibleModel.PROVIDER,
                server.baseUrl() + "/v1", policy), OpenAiCompatibleModel::new);
    }
}
