package io.switchboard.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import io.switchboard.gateway.GatewayFixtures;
import io.switchboard.testing.TestTokens;
import io.switchboard.testing.kafka.RawProducer;

/** Chats announced on session.lifecycle, as session-service would, once the gateway has learned them. */
final class KnownChats {

    private KnownChats() {
    }

    static String of(RawProducer producer, String tenantId, String model) {
        return awaitKnown(GatewayFixtures.announceChat(producer, tenantId, model));
    }

    /**
     * Waits until the gateway has learned the chat. Until then it would ask session-service, which does not
     * run in these tests (503); once it knows the chat, another tenant's request is refused by the gateway
     * itself (404), and nothing is produced for it.
     */
    static String awaitKnown(String chatId) {
        String stranger = TestTokens.bearer("tenant-stranger", "stranger");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(stranger)
                .post("/api/chats/{id}/stop", chatId).then().statusCode(404));
        return chatId;
    }
}
