package io.switchboard.kit.messaging;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.common.annotation.Identifier;

/**
 * The settings every Kafka client of a service shares (bootstrap servers, security protocol, TLS and SASL), for
 * the clients a service builds itself rather than through a messaging channel. They are the application's
 * {@code kafka.*} configuration, which the channels receive too, so a broker that only speaks TLS is reached by
 * every client alike.
 */
@ApplicationScoped
public class KafkaClientSettings {

    private final Map<String, Object> shared;

    public KafkaClientSettings(@Identifier("default-kafka-broker") Map<String, Object> broker) {
        this.shared = Map.copyOf(broker);
    }

    /** The shared settings, then the client's own on top of them. */
    public Map<String, Object> with(Map<String, Object> own) {
        return merge(shared, own);
    }

    private static Map<String, Object> merge(Map<String, Object> shared, Map<String, Object> own) {
        Map<String, Object> settings = new HashMap<>(shared);
        settings.putAll(own);
        return settings;
    }
}
