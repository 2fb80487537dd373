package io.switchboard.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.LongStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.chat.TextDelta;
import io.switchboard.gateway.GatewayFixtures;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.testing.kafka.RawProducer;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClientOptions;

/**
 * A client that stops reading is cut off once its outbound buffer overflows, with the resync close code,
 * while another client of the same chat receives every event; a client that stops answering pings is
 * closed after the idle timeout (4 s in tests).
 */
@QuarkusTest
@WithTestResource(SwitchboardInfrastructureResource.class)
class SlowClientTest {

    private static final String TENANT = "tenant-s";

    @TestHTTPResource("/")
    URI base;

    @Inject
    Vertx vertx;

    @Inject
    MeterRegistry registry;

    private RawProducer producer;

    @BeforeEach
    void start() {
        producer = RawProducer.create();
    }

    @AfterEach
    void stop() {
        producer.close();
    }

    @Test
    void aClientThatStopsReadingIsClosedForResyncAndNeverSlowsAnother() {
        String chatId = GatewayFixtures.announceChat(producer, TENANT, "sam", "offline");
        // A small receive window makes the gateway's writes to the stalled client back up quickly.
        try (TestSocket stalled = TestSocket.connect(vertx, base, new WebSocketClientOptions().setReceiveBufferSize(4096),
                options -> options.putHeader("Authorization", "Bearer " + TestTokens.bearer(TENANT, "sam")));
                TestSocket reader = TestSocket.connect(vertx, base, TestTokens.bearer(TENANT, "sam"))) {
            SocketFixtures.subscribeWhenKnown(stalled, chatId, 0L);
            SocketFixtures.subscribeWhenKnown(reader, chatId, 0L);
            double closedBefore = slowConsumersClosed();
            stalled.pause();

            // 200 events of 40 000 characters: 8 MB, far beyond the 1 MB buffer plus the sockets' own buffers.
            String chunk = "y".repeat(40_000);
            UUID turn = UUID.randomUUID();
            int total = 200;
            for (long seq = 1; seq <= total; seq++) {
                SocketFixtures.publishChatEvent(producer, chatId, TENANT, seq, turn, new TextDelta(chunk));
            }

            await().atMost(TestSocket.TIMEOUT).until(() -> reader.chatSeqs(chatId).size() == total);
            assertThat(reader.chatSeqs(chatId)).containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
            assertThat(reader.framesOfType("resync")).isEmpty();
            await().atMost(TestSocket.TIMEOUT).until(() -> slowConsumersClosed() >= closedBefore + 1);

            stalled.resume();
            assertThat(stalled.awaitClose(TestSocket.TIMEOUT)).isEqualTo((short) 4001);
            assertThat(stalled.chatSeqs(chatId)).hasSizeLessThan(total);
        }
    }

    @Test
    void aClientThatAnswersNoPingsIsClosedAfterTheIdleTimeout() throws IOException {
        try (TestSocket lively = TestSocket.connect(vertx, base, TestTokens.bearer(TENANT, "chatty"));
                RawWebSocket silent = RawWebSocket.open(base, "Authorization: Bearer " + TestTokens.bearer(TENANT, "quiet"))) {
            assertThat(silent.responseHead()).startsWith("HTTP/1.1 101");

            // It reads every frame but, unlike any WebSocket library, never answers a ping.
            int pings = 0;
            RawWebSocket.Frame frame = silent.readFrame();
            while (!frame.isClose()) {
                pings += frame.isPing() ? 1 : 0;
                frame = silent.readFrame();
            }

            assertThat(frame.closeCode()).isEqualTo(4003);
            assertThat(pings).as("pings left unanswered").isPositive();
            // The other client answered every ping and is still served.
            assertThat(lively.closeStatus()).isNull();
            assertThat(lively.request("{\"type\":\"ping\"}", "pong").path("type").asText()).isEqualTo("pong");
        }
    }

    private double slowConsumersClosed() {
        return registry.find("switchboard.ws.slow.consumers.closed").counters().stream().mapToDouble(c -> c.count()).sum();
    }
}
