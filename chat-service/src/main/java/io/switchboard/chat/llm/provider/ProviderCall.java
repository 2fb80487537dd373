package io.switchboard.chat.llm.provider;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventContext;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import io.switchboard.chat.llm.ModelException;

/**
 * LangChain4j's HTTP client for exactly one model step, on the JDK client. LangChain4j keeps the protocol (request
 * JSON, event parsing, tool call assembly); this class adds what a chat needs around it: {@link #cancel()} aborts
 * the exchange whether the response has begun or not, every received event counts as progress for the timeouts,
 * an error event inside a 200 stream fails the step, and a stream that closes without its end event is reported
 * as cut rather than taken for a complete answer.
 */
final class ProviderCall implements HttpClient {

    private static final int LONGEST_ERROR_BODY = 64 * 1024;

    private final ProviderHttpClient http;
    private final SseProtocol protocol;
    private final ProviderErrors errors;
    private final StepSink sink;
    private final Runnable progress;

    private volatile boolean cancelled;
    private volatile CompletableFuture<?> pending;
    private volatile InputStream body;

    ProviderCall(ProviderHttpClient http, SseProtocol protocol, ProviderErrors errors, StepSink sink,
                 Runnable progress) {
        this.http = http;
        this.protocol = protocol;
        this.errors = errors;
        this.sink = sink;
        this.progress = progress;
    }

    /** This call as the builder LangChain4j asks for; the timeouts it passes are ours already. */
    HttpClientBuilder asBuilder() {
        ProviderCall call = this;
        return new HttpClientBuilder() {

            @Override
            public Duration connectTimeout() {
                return null;
            }

            @Override
            public HttpClientBuilder connectTimeout(Duration timeout) {
                return this;
            }

            @Override
            public Duration readTimeout() {
                return null;
            }

            @Override
            public HttpClientBuilder readTimeout(Duration timeout) {
                return this;
            }

            @Override
            public HttpClient build() {
                return call;
            }
        };
    }

    /** Aborts the exchange: a pending response is cancelled, a streaming body closed. */
    void cancel() {
        cancelled = true;
        CompletableFuture<?> waiting = pending;
        if (waiting != null) {
            waiting.cancel(true);
        }
        closeQuietly(body);
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        // Only streaming is used; this serves anything else LangChain4j might send, blocking the caller.
        try {
            HttpResponse<String> response = http.send(request.url(), request.method().name(), request.headers(),
                    request.body());
            if (response.statusCode() < 200 || response.statusCode() >= 300) {
                throw new HttpException(response.statusCode(), response.body());
            }
            return SuccessfulHttpResponse.builder().statusCode(response.statusCode())
                    .headers(response.headers().map()).body(response.body()).build();
        } catch (IOException e) {
            throw new CompletionException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        }
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        CompletableFuture<HttpResponse<InputStream>> response = http.stream(request.url(), request.method().name(),
                request.headers(), request.body());
        pending = response;
        if (cancelled) {
            response.cancel(true);
        }
        // Async on our executor: the body is read with blocking calls, never on the thread that subscribed.
        response.whenCompleteAsync((received, failure) -> consume(received, failure, parser, listener),
                http.executor());
    }

    private void consume(HttpResponse<InputStream> response, Throwable failure, ServerSentEventParser parser,
                         ServerSentEventListener listener) {
        if (failure != null) {
            if (!cancelled) {
                listener.onError(failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure);
            }
            return;
        }
        InputStream stream = response.body();
        body = stream;
        if (cancelled) {
            closeQuietly(stream);
            return;
        }
        int status = response.statusCode();
        if (status < 200 || status >= 300) {
            String text = readErrorBody(stream);
            listener.onError(new HttpException(status, text));
            return;
        }
        listener.onOpen(SuccessfulHttpResponse.builder().statusCode(status).headers(response.headers().map())
                .build());
        WatchedListener watched = new WatchedListener(listener);
        try {
            parser.parse(stream, watched);
        } catch (RuntimeException e) {
            watched.onError(e);
        } finally {
            closeQuietly(stream);
        }
        watched.closed();
    }

    private static String readErrorBody(InputStream stream) {
        try (stream) {
            byte[] bytes = stream.readNBytes(LONGEST_ERROR_BODY);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static void closeQuietly(InputStream stream) {
        if (stream == null) {
            return;
        }
        try {
            stream.close();
        } catch (IOException e) {
            // Closing is how a stream is abandoned; a failure to close changes nothing.
        }
    }

    /** Sees every event before LangChain4j does. */
    private final class WatchedListener implements ServerSentEventListener {

        private final ServerSentEventListener delegate;
        private volatile boolean endSeen;

        WatchedListener(ServerSentEventListener delegate) {
            this.delegate = delegate;
        }

        @Override
        public void onOpen(SuccessfulHttpResponse response) {
            delegate.onOpen(response);
        }

        @Override
        public void onEvent(ServerSentEvent event, ServerSentEventContext context) {
            if (accept(event, () -> context.parsingHandle().cancel())) {
                delegate.onEvent(event, context);
                // Our own handling of the event is not the provider's silence.
                progress.run();
            }
        }

        @Override
        public void onEvent(ServerSentEvent event) {
            if (accept(event, () -> closeQuietly(body))) {
                delegate.onEvent(event);
                progress.run();
            }
        }

        /** Whether LangChain4j should see the event; {@code stopParsing} ends the stream when not. */
        private boolean accept(ServerSentEvent event, Runnable stopParsing) {
            if (cancelled || sink.ended()) {
                stopParsing.run();
                return false;
            }
            progress.run();
            Optional<ModelException> error = protocol.error(event, errors, sink.started());
            if (error.isPresent()) {
                sink.fail(error.get());
                stopParsing.run();
                return false;
            }
            if (protocol.isEnd(event)) {
                endSeen = true;
            }
            return true;
        }

        @Override
        public void onError(Throwable failure) {
            if (!cancelled) {
                delegate.onError(failure);
            }
        }

        /** The body has been read to its end, or abandoned. */
        void closed() {
            if (cancelled) {
                return;
            }
            if (!endSeen && !sink.ended()) {
                sink.fail(errors.endedEarly(sink.started()));
            }
            delegate.onClose();
            if (!sink.ended()) {
                // LangChain4j saw the end event but did not conclude: never leave the step hanging.
                sink.fail(errors.malformed("a stream that ended without a complete answer", sink.started(), null));
            }
        }
    }
}
