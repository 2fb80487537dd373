package io.switchboard.kit.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class KafkaClientSettingsTest {

    private static final Map<String, Object> BROKER = Map.of(
            "bootstrap.servers", "kafka:9093",
            "security.protocol", "SSL",
            "ssl.truststore.location", "/etc/kafka/ca.p12",
            "ssl.keystore.location", "/etc/kafka/user.p12");

    @Test
    void aClientBuiltByHandReachesTheBrokerTheWayTheChannelsDo() {
        Map<String, Object> settings = new KafkaClientSettings(BROKER).with(Map.of("client.id", "dead-letters"));

        assertThat(settings).containsAllEntriesOf(BROKER).containsEntry("client.id", "dead-letters");
    }

    @Test
    void theClientsOwnSettingsWin() {
        Map<String, Object> settings = new KafkaClientSettings(Map.of("bootstrap.servers", "kafka:9093",
                "enable.auto.commit", "true")).with(Map.of("enable.auto.commit", "false"));

        assertThat(settings).containsEntry("enable.auto.commit", "false").containsEntry("bootstrap.servers",
                "kafka:9093");
    }
}
