package io.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class ChatPartitionsTest {

    private final ChatPartitions partitions = new ChatPartitions(12);

    @Test
    void agreesWithTheKafkaProducersPartitionerForKeyedRecords() {
        for (int i = 0; i < 1_000; i++) {
            String chatId = UUID.randomUUID().toString();
            assertThat(partitions.of(chatId))
                    .isEqualTo(BuiltInPartitioner.partitionForKey(chatId.getBytes(StandardCharsets.UTF_8), 12));
        }
    }

    @Test
    void newChatIdsLandOnTheChosenPartitionOrAwayFromIt() {
        for (int partition = 0; partition < 12; partition++) {
            assertThat(partitions.of(partitions.newChatIdOn(partition))).isEqualTo(partition);
            assertThat(partitions.of(partitions.newChatIdNotOn(partition))).isNotEqualTo(partition);
        }
    }

    @Test
    void aChatIdCanBeChosenForWhereAnotherFormOfItLands() {
        for (int partition = 0; partition < 12; partition++) {
            String chatId = partitions.newChatIdOn(partition, id -> id.toUpperCase(Locale.ROOT));
            assertThat(partitions.of(chatId.toUpperCase(Locale.ROOT))).isEqualTo(partition);
        }
    }

    @Test
    void withOnePartitionNoChatCanAvoidIt() {
        ChatPartitions single = new ChatPartitions(1);

        assertThat(single.of(single.newChatIdOn(0))).isZero();
        assertThatThrownBy(() -> single.newChatIdNotOn(0)).isInstanceOf(IllegalStateException.class);
    }
}
