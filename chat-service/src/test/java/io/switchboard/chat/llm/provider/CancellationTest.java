package io.switchboard.chat.llm.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.switchboard.chat.llm.ChatModel;
import io.switchboard.chat.llm.ModelEvent;
import io.switchboard.chat.llm.openai.OpenAiCompatibleModel;

/**
 * Cancelling a step closes its HTTP connection, whether the provider has answered yet or not. A bare socket
 * server plays the provider, because what is checked is the connection itself.
 */
class CancellationTest {

    private static final String FIRST_CHUNK = "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\","
            + "\"created\":1746192000,\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"role\":"
            + "\"assistant\",\"content\":\"Hello\"},\"finish_reason\":null}]}\n\n";

    private ServerSocket server;

    @BeforeEach
    void listen() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void close() throws IOException {
        server.close();
    }

    @Test
    void cancellingBeforeTheProviderAnswersClosesTheConnection() throws Exception {
        CompletableFuture<Boolean> closedByClient = serve(false);
        AssertSubscriber<ModelEvent> subscriber = model().stream(ProviderTestKit.ask("Hi")).subscribe()
                .withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        await().atMost(Duration.ofSeconds(10)).until(() -> requestsSeen > 0);

        subscriber.cancel();

        assertThat(closedByClient.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(subscriber.getItems()).isEmpty();
    }

    @Test
    void cancellingInTheMiddleOfTheStreamClosesTheConnection() throws Exception {
        CompletableFuture<Boolean> closedByClient = serve(true);
        AssertSubscriber<ModelEvent> subscriber = model().stream(ProviderTestKit.ask("Hi")).subscribe()
                .withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        subscriber.awaitItems(1, Duration.ofSeconds(10));

        subscriber.cancel();

        assertThat(closedByClient.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(subscriber.getItems()).containsExactly(new ModelEvent.Text("Hello"));
    }

    private volatile int requestsSeen;

    /**
     * Accepts one connection, reads the request, optionally starts a stream that never ends, then completes with
     * true once the client closes the connection.
     */
    private CompletableFuture<Boolean> serve(boolean startStream) {
        return CompletableFuture.supplyAsync(() -> {
            try (Socket socket = server.accept()) {
                InputStream in = socket.getInputStream();
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                int length = 0;
                for (String line = reader.readLine(); line != null && !line.isEmpty(); line = reader.readLine()) {
                    if (line.toLowerCase().startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring("content-length:".length()).strip());
                    }
                }
                for (int i = 0; i < length; i++) {
                    reader.read();
                }
                requestsSeen++;
                if (startStream) {
                    OutputStream out = socket.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n"
                            + FIRST_CHUNK).getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
                // Nothing more is sent: only the client closing the connection ends this read.
                return reader.read() == -1;
            } catch (IOException e) {
                // A reset is the client closing too.
                return true;
            }
        });
    }

    private ChatModel model() {
        RetryPolicy patient = new RetryPolicy(0, Duration.ofMillis(20), Duration.ofSeconds(30),
                Duration.ofSeconds(30));
        return ProviderTestKit.guarded(ProviderTestKit.settings(OpenAiCompatibleModel.PROVIDER,
                "http://127.0.0.1:" + server.getLocalPort() + "/v1", patient), OpenAiCompatibleModel::new);
    }
}
