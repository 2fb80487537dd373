package io.switchboard.chat.llm.provider;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;

import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.switchboard.chat.llm.ChatMessage;
import io.switchboard.chat.llm.ChatModel;
import io.switchboard.chat.llm.ModelEvent;
import io.switchboard.chat.llm.ModelException;
import io.switchboard.chat.llm.ModelRequest;

/** Builds provider models against a local stub server and runs steps on them. */
public final class ProviderTestKit {

    public static final String API_KEY = "sk-test-0123456789abcdef";
    public static final Duration WAIT = Duration.ofSeconds(10);

    private static final ExecutorService STREAMS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "test-provider-stream");
        thread.setDaemon(true);
        return thread;
    });

    private ProviderTestKit() {
    }

    /** A fixture's text, from {@code src/test/resources/fixtures/}. */
    public static String fixture(String path) {
        try (InputStream in = ProviderTestKit.class.getResourceAsStream("/fixtures/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fast retries and generous timeouts, unless a test is about them. */
    public static RetryPolicy quickRetries() {
        return new RetryPolicy(2, Duration.ofMillis(20), Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    public static ModelSettings settings(String provider, String baseUrl, RetryPolicy retry) {
        return new ModelSettings("test-model", provider, "stub", "model-under-test", URI.create(baseUrl),
                Optional.of(API_KEY), 128000, Optional.of(512), Optional.empty(), true, Duration.ofSeconds(2), retry);
    }

    /** The model as the registry offers it: guarded by retries and timeouts. */
    public static ChatModel guarded(ModelSettings settings,
                                    BiFunction<ModelSettings, ProviderHttpClient, ProviderModel> factory) {
        ProviderHttpClient http = new ProviderHttpClient(settings.baseUrl(), settings.connectTimeout(),
                settings.retry().firstEventTimeout(), STREAMS);
        return new RetryBeforeFirstToken(factory.apply(settings, http), settings.retry(),
                Infrastructure.getDefaultWorkerPool());
    }

    public static ModelRequest ask(String text) {
        return new ModelRequest("chat-under-test", "test-model", List.of(new ChatMessage.User(text)), List.of());
    }

    /** Runs a step to its end and returns what it emitted, failing if it failed. */
    public static List<ModelEvent> events(ChatModel model, ModelRequest request) {
        return model.stream(request).subscribe().withSubscriber(AssertSubscriber.<ModelEvent>create(Long.MAX_VALUE))
                .awaitCompletion(WAIT).getItems();
    }

    /** Runs a step that must fail; returns what it emitted before and the failure. */
    public static Failed failure(ChatModel model, ModelRequest request) {
        AssertSubscriber<ModelEvent> subscriber = model.stream(request).subscribe()
                .withSubscriber(AssertSubscriber.<ModelEvent>create(Long.MAX_VALUE))
                .awaitFailure(WAIT);
        if (!(subscriber.getFailure() instanceof ModelException failure)) {
            throw new AssertionError("expected a ModelException", subscriber.getFailure());
        }
        return new Failed(subscriber.getItems(), failure);
    }

    /** The text pieces of a step, joined. */
    public static String text(List<ModelEvent> events) {
        StringBuilder text = new StringBuilder();
        events.stream().filter(ModelEvent.Text.class::isInstance).map(ModelEvent.Text.class::cast)
                .forEach(piece -> text.append(piece.text()));
        return text.toString();
    }

    public record Failed(List<ModelEvent> before, ModelException failure) {
    }
}
