package io.switchboard.gateway.ws;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.chat.CommandRejected;
import io.switchboard.events.chat.TextDelta;
import io.switchboard.gateway.GatewayFixtures;
import io.switchboard.testing.ManagementInterface;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.testing.kafka.RawProducer;
import io.vertx.core.Vertx;

/** The socket's meters are published at /q/metrics (management port) and move with the traffic. */
@QuarkusTest
@WithTestResource(SwitchboardInfrastructureResource.class)
class SocketMetricsTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    Vertx vertx;

    @Test
    void connectionsSubscriptionsAndDeliveriesAreMeasured() {
        try (RawProducer producer = RawProducer.create();
                TestSocket socket = TestSocket.connect(vertx, base, TestTokens.bearer("tenant-m", "mia"))) {
            String chatId = GatewayFixtures.announceChat(producer, "tenant-m", "mia", "offline");
            SocketFixtures.subscribeWhenKnown(socket, chatId, 0L);
            double deliveredBefore = value("switchboard_ws_events_delivered_total");

            SocketFixtures.publishChatEvent(producer, chatId, "tenant-m", 1, UUID.randomUUID(), new TextDelta("one"));
            // A command chat-service refused travels like any other event.
            SocketFixtures.publishChatEvent(producer, chatId, "tenant-m", 2, null,
                    new CommandRejected("EditQueuedTurn", UUID.randomUUID().toString(), "turn_not_queued", "Too late"));
            await().atMost(TestSocket.TIMEOUT).until(() -> socket.chatEvents(chatId).size() == 2);

            assertThat(socket.chatEvents(chatId).get(1).path("type").asText()).isEqualTo("CommandRejected");
            assertThat(value("switchboard_ws_connections")).isGreaterThanOrEqualTo(1);
            assertThat(value("switchboard_ws_subscriptions")).isGreaterThanOrEqualTo(1);
            await().atMost(TestSocket.TIMEOUT)
                    .until(() -> value("switchboard_ws_events_delivered_total") >= deliveredBefore + 2);
            assertThat(value("switchboard_ws_delivery_latency_seconds_count")).isGreaterThanOrEqualTo(2);
            String metrics = metrics();
            assertThat(metrics).contains("switchboard_ws_delivery_latency_seconds_bucket{")
                    .contains("switchboard_ws_slow_consumers_closed_total")
                    .contains("switchboard_ws_inbox_subscriptions")
                    .contains("switchboard_ws_frames_rate_limited_total");
        }
    }

    private static String metrics() {
        return given().baseUri(ManagementInterface.baseUri()).get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The sum of a metric's samples across its tags. */
    private static double value(String name) {
        Matcher samples = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? ([0-9.eE+-]+)$").matcher(metrics());
        double sum = 0;
        boolean found = false;
        while (samples.find()) {
            sum += Double.parseDouble(samples.group(2));
            found = true;
        }
        assertThat(found).as(name + " is published").isTrue();
        return sum;
    }
}
