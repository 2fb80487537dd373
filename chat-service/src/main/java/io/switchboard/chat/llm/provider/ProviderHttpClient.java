package io.switchboard.chat.llm.provider;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * One endpoint's connection pool: a JDK {@link HttpClient} shared by every step sent to that endpoint. Each step
 * gets its own {@link ProviderCall}, which is what LangChain4j sees as its HTTP client, so that a step can be
 * cancelled on its own.
 */
public final class ProviderHttpClient {

    /** Headers the JDK client sets itself and refuses to be given. */
    private static final Set<String> RESTRICTED_HEADERS = Set.of("connection", "content-length", "host", "expect",
            "upgrade");

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
        return new ProviderCall(this, protocol, errors, sink, progress);
    }

    /** Where the blocking reads of streamed bodies run. */
    ExecutorService executor() {
        return executor;
    }

    /** Sends a request whose body will be streamed. */
    CompletableFuture<HttpResponse<InputStream>> stream(String url, String method, Map<String, List<String>> headers,
                                                        String body) {
        return client.sendAsync(request(url, method, headers, body), HttpResponse.BodyHandlers.ofInputStream());
    }

    /** Sends a request and waits for its whole answer. */
    HttpResponse<String> send(String url, String method, Map<String, List<String>> headers, String body)
            throws IOException, InterruptedException {
        return client.send(request(url, method, headers, body),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpRequest request(String url, String method, Map<String, List<String>> headers, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(responseTimeout);
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (RESTRICTED_HEADERS.contains(header.getKey().toLowerCase())) {
                continue;
            }
            for (String value : header.getValue()) {
                builder.header(header.getKey(), value);
            }
        }
        builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return builder.build();
    }
}
