package io.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.switchboard.events.ChatIds;
import io.switchboard.events.Envelope;
import io.switchboard.events.Topics;
import io.switchboard.events.json.EventJson;
import io.switchboard.events.json.MalformedEventException;
import io.switchboard.events.kafka.ChatKeyGuard;
import io.switchboard.events.kafka.Rejection;

class KafkaCorpusTest {

    private static final ChatPartitions PARTITIONS = new ChatPartitions(12);
    private static final List<KafkaCorpus.PoisonRecord> CORPUS = KafkaCorpus.build(PARTITIONS, "tenant-test");

    @Test
    void everyKindOnEveryPartitionOfEveryTopic() {
        assertThat(CORPUS).hasSize(KafkaPoison.values().length * Topics.CHAT_SCOPED.size() * 12);
        Map<String, Long> perTopicKindPartition = CORPUS.stream().collect(Collectors.groupingBy(
                r -> r.topic() + "/" + r.kind() + "/" + r.partition(), Collectors.counting()));
        assertThat(perTopicKindPartition).hasSize(CORPUS.size());
    }

    @Test
    void theDefaultPartitionerPutsEachRecordWhereItIsMeant() {
        assertThat(CORPUS).allSatisfy(r -> assertThat(PARTITIONS.of(r.key())).as(r.kind() + " " + r.topic())
                .isEqualTo(r.partition()));
    }

    /** Every record must be one the contract refuses: otherwise the benchmark would test nothing. */
    @Test
    void theEventContractRefusesEveryRecord() {
        for (KafkaCorpus.PoisonRecord record : CORPUS) {
            Optional<String> refusal = refusal(record);
            assertThat(refusal).as(record.kind() + " on " + record.topic()).isPresent();
            String expected = switch (record.kind()) {
                case NUL_TEXT, LONE_SURROGATE -> MalformedEventException.INVALID_TEXT;
                case NOT_JSON, DEEP_NESTING -> MalformedEventException.MALFORMED;
                case UNKNOWN_TYPE -> MalformedEventException.UNKNOWN_TYPE;
                case VERSION_99 -> MalformedEventException.UNSUPPORTED_VERSION;
                case MISSING_PAYLOAD_FIELDS -> MalformedEventException.INVALID_PAYLOAD;
                case UPPER_CASE_CHAT_ID -> Rejection.INVALID_CHAT_ID.code();
                case NULL_TENANT -> Rejection.MISSING_TENANT_ID.code();
                case KEY_MISMATCH -> Rejection.KEY_MISMATCH.code();
                case TOMBSTONE -> "tombstone";
            };
            assertThat(refusal).as(record.kind() + " on " + record.topic()).contains(expected);
        }
    }

    @Test
    void upperCaseRecordsAreUpperCaseInKeyAndBody() {
        KafkaCorpus.PoisonRecord upper = CORPUS.stream().filter(r -> r.kind() == KafkaPoison.UPPER_CASE_CHAT_ID)
                .findFirst().orElseThrow();
        assertThat(upper.key()).isEqualTo(upper.key().toUpperCase(Locale.ROOT));
        assertThat(ChatIds.normalise(upper.key())).isNotNull();
        assertThat(EventJson.fromBytes(upper.value()).chatId()).isEqualTo(upper.key());
    }

    /** How the events module refuses a record: the deserializer's reason, or the chatId guard's. */
    private static Optional<String> refusal(KafkaCorpus.PoisonRecord record) {
        if (record.value() == null) {
            return Optional.of("tombstone");
        }
        Throwable failure = catchThrowable(() -> EventJson.fromBytes(record.value()));
        if (failure instanceof MalformedEventException malformed) {
            return Optional.of(malformed.reason());
        }
        if (failure != null) {
            return Optional.of("unexpected " + failure);
        }
        Envelope envelope = EventJson.fromBytes(record.value());
        return ChatKeyGuard.check(record.key(), envelope).map(Rejection::code);
    }
}
