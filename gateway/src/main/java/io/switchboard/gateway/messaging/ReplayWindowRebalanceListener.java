package io.switchboard.gateway.messaging;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import io.switchboard.gateway.config.GatewayConfig;

/**
 * Starts a gateway's reading a replay window back in time rather than at the end of each partition,
 * so that events produced while it was starting (or shortly before) still reach subscribers and fill
 * the replay buffers.
 */
@ApplicationScoped
@Identifier("replay-window")
public class ReplayWindowRebalanceListener implements KafkaConsumerRebalanceListener {

    private final GatewayConfig config;

    public ReplayWindowRebalanceListener(GatewayConfig config) {
        this.config = config;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        long since = Instant.now().minus(config.replayWindow()).toEpochMilli();
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(partition -> query.put(partition, since));
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(query);
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp offset = offsets.get(partition);
            if (offset != null) {
                consumer.seek(partition, offset.offset());
            } else {
                consumer.seekToEnd(List.of(partition));
            }
        }
        Log.debugf("Reading %d partitions from %s", partitions.size(), Instant.ofEpochMilli(since));
    }
}
