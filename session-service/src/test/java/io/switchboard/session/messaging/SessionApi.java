package io.switchboard.session.messaging;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;

import io.restassured.http.ContentType;
import io.switchboard.events.Envelope;
import io.switchboard.events.Topics;
import io.switchboard.events.json.EventJson;
import io.switchboard.infra.InfraSettings;
import io.switchboard.testing.kafka.RawProducer;

/** What the chat.events tests do through the REST API and on the topic; the workspace.events test uses it too. */
public final class SessionApi {

    private SessionApi() {
    }

    /** A new chat in a new project of the token's tenant. */
    public static String createChat(String token) {
        String projectId = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"name\":\"project " + UUID.randomUUID() + "\"}")
                .post("/projects")
                .then().statusCode(201).extract().path("id");
        return given().auth().oauth2(token).contentType(ContentType.JSON).body("{}")
                .post("/projects/{id}/chats", projectId)
                .then().statusCode(201).extract().path("id");
    }

    /** The partition Kafka's default partitioner gives the key, for putting other records in front of it. */
    public static int partitionOf(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % InfraSettings.DEFAULT_PARTITIONS;
    }

    static long send(RawProducer producer, Envelope event) {
        return producer.send(Topics.CHAT_EVENTS, event.chatId(), EventJson.toBytes(event)).offset();
    }

    /** Sends raw bytes to a given partition of chat.events; the offset it landed at. */
    static long sendRaw(RawProducer producer, int partition, String key, String value) {
        byte[] bytes = value == null ? null : value.getBytes(StandardCharsets.UTF_8);
        return producer.send(new ProducerRecord<>(Topics.CHAT_EVENTS, partition, key, bytes)).offset();
    }

    /** An envelope as JSON text, each field as given: for writing what no serializer of ours would. */
    public static String envelope(String type, String chatId, String tenantId, String turnId, String at, int version,
            String payload) {
        return "{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"" + type + "\",\"chatId\":"
                + quoted(chatId) + ",\"tenantId\":" + quoted(tenantId) + ",\"seq\":1,\"turnId\":" + quoted(turnId)
                + ",\"at\":\"" + at + "\",\"v\":" + version + ",\"payload\":" + payload + "}";
    }

    private static String quoted(String text) {
        return text == null ? "null" : "\"" + text + "\"";
    }
}
