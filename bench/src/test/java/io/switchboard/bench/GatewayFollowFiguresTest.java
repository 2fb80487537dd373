package io.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The follow benchmark's reading of the gateway's meters and its stages; nothing here is timed. */
class GatewayFollowFiguresTest {

    private static final String PAGE = """
            switchboard_gateway_records_passed_over_total 4173.0
            switchboard_gateway_replay_retained_bytes 2306867.0
            switchboard_consumer_dead_lettered_total{reason="unprocessable",topic="chat.events"} 2.0
            switchboard_consumer_dead_lettered_total{reason="malformed",topic="chat.commands"} 1.0
            switchboard_events_rejected_total{reason="key_mismatch",topic="chat.events"} 3.0
            """;

    @Test
    void readsThePassedOverCounterAndTheRetentionAndTellsAMissingMeterFromZero() {
        MetricsPage page = MetricsPage.parse(PAGE);

        assertThat(FollowedGateway.meter(page, FollowedGateway.PASSED_OVER)).isEqualTo(4173.0);
        assertThat(FollowedGateway.meter(page, FollowedGateway.RETAINED)).isEqualTo(2306867.0);
        assertThat(FollowedGateway.meter(MetricsPage.parse(""), FollowedGateway.PASSED_OVER)).isNaN();
    }

    @Test
    void countsRefusedAndDeadLetteredRecordsByReason() {
        assertThat(FollowedGateway.refused(MetricsPage.parse(PAGE)))
                .isEqualTo(Map.of("unprocessable", 2.0, "malformed", 1.0, "key_mismatch", 3.0));
        assertThat(FollowedGateway.refused(MetricsPage.parse(""))).isEmpty();
    }

    @Test
    void theClosingBaselineRunsAfterTheListedStages() {
        assertThat(settings(List.of(0, 1000, 10_000), true).stages()).containsExactly(0, 1000, 10_000, 0);
        assertThat(settings(List.of(0, 1000), false).stages()).containsExactly(0, 1000);
        assertThat(settings(List.of(0, 1000, 10_000), true).maxForeignChats()).isEqualTo(10_000);
    }

    @Test
    void theFirstStageMustBeTheBaselineWithoutForeignRecords() {
        assertThatThrownBy(() -> settings(List.of(1000, 10_000), true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must start with 0");
    }

    private static FollowSettings settings(List<Integer> stages, boolean closingBaseline) {
        return new FollowSettings(Path.of("."), stages, closingBaseline, 4000, Duration.ofSeconds(30),
                Duration.ofSeconds(5), Duration.ofSeconds(60), 20, Duration.ofSeconds(10), 1000, 33, true, false,
                Map.of());
    }
}
