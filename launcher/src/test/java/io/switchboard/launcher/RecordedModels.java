package io.switchboard.launcher;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * An OpenAI-compatible provider played from recorded streams ({@code fixtures/openai/*.sse}), so that the end-to-end
 * stack offers models besides {@code offline}: {@code stub/alpha}, {@code stub/beta} and {@code stub/gamma}, each
 * answering with its own text, streamed over about a second. The only thing outside this machine the tests stand
 * in for.
 */
final class RecordedModels {

    static final List<String> MODELS = List.of("stub/alpha", "stub/beta", "stub/gamma");

    private final WireMockServer server;

    private RecordedModels(WireMockServer server) {
        this.server = server;
    }

    static RecordedModels start() {
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        for (String model : List.of("alpha", "beta", "gamma")) {
            server.stubFor(post("/v1/chat/completions").withRequestBody(matchingJsonPath("$.model", equalTo(model)))
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream")
                            .withBody(fixture(model + ".sse")).withChunkedDribbleDelay(12, 1000)));
        }
        return new RecordedModels(server);
    }

    /** The chat-service settings of an endpoint named "stub" that serves the three models. */
    Map<String, String> providerConfig() {
        return Map.of("switchboard.providers.openai.stub.base-url", "http://127.0.0.1:" + server.port() + "/v1",
                "switchboard.providers.openai.stub.models", "stub/alpha=alpha,stub/beta=beta,stub/gamma=gamma",
                "switchboard.providers.openai.stub.max-retries", "0");
    }

    void stop() {
        server.stop();
    }

    private static String fixture(String name) {
        try (InputStream in = RecordedModels.class.getResourceAsStream("/fixtures/openai/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
