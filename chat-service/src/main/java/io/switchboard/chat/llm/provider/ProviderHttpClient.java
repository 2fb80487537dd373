package io.switchboard.chat.llm.provider;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;

/**
 * One endpoint's connection pool: a JDK {@link HttpClient} shared by every step sent to that endpoint. Each step
 * gets its own {@link ProviderCall}, which is what LangChain4j sees as its HTTP client, so that a step can be
 * cancelled on its own.
 */
public final class ProviderHttpClient {

    private final HttpClient client;
    private final ExecutorService executor;
    private final Duration responseTimeout;

    /**
     * @param baseUrl         the endpoint; plain {@code http} is spoken as HTTP/1.1 because local servers (Ollama,
     *                        llama.cpp, vLLM) do not expect an h2c upgrade
     * @param connectTimeout  time allowed to open a connection
     * @param responseTimeout time allowed until the response headers arrive
     * @param executor        runs the blocking reads of the streamed bodies
     */
    public ProviderHttpClient(URI baseUrl, Duration connectTimeout, Duration responseTimeout,
                              ExecutorService executor) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .executor(executor);
        if ("http".equalsIgnoreCase(baseUrl.getScheme())) {
            builder.version(HttpClient.Version.HTTP_1_1);
        }
        this.client = builder.build();
        this.executor = executor;
        this.responseTimeout = responseTimeout;
    }

    /** A transport for one step. */
    ProviderCall newCall(SseProtocol protocol, ProviderErrors errors, StepSink sink, Runnable progress) {
        return new ProviderCall(client, executor, responseTimeout, protocol, errors, sink, progress);
    }
}
