package io.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricsPageTest {

    private static final String PAGE = """
            # HELP switchboard_consumer_dead_lettered_total
            # TYPE switchboard_consumer_dead_lettered_total counter
            switchboard_consumer_dead_lettered_total{reason="invalid_text",topic="chat.commands"} 24.0
            switchboard_consumer_dead_lettered_total{reason="malformed",topic="chat.commands"} 36.0
            switchboard_consumer_dead_lettered_total{reason="malformed",topic="session.lifecycle"} 12.0
            switchboard_events_rejected_total{reason="key_mismatch",topic="chat.events"} 12.0
            jvm_memory_used_bytes{area="heap",id="Tenured Gen"} 3000.0
            jvm_memory_used_bytes{area="heap",id="Eden Space"} 500.0
            jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 99999.0
            jvm_gc_live_data_size_bytes 2500.0
            jvm_memory_max_bytes{area="heap",id="Tenured Gen"} 8000.0
            jvm_memory_max_bytes{area="heap",id="Eden Space"} 2000.0
            jvm_memory_max_bytes{area="nonheap",id="Metaspace"} -1.0
            switchboard_gateway_consume_lag_seconds{stream="chat",quantile="0.5"} 0.004
            switchboard_gateway_retained_bytes 123456.0
            process_uptime_seconds 12.5
            """;

    @Test
    void sumsByNameAndLabel() {
        MetricsPage page = MetricsPage.parse(PAGE);

        assertThat(page.sum("switchboard_consumer_dead_lettered_total")).isEqualTo(72.0);
        assertThat(page.sumBy("switchboard_consumer_dead_lettered_total", "topic"))
                .containsEntry("chat.commands", 60.0).containsEntry("session.lifecycle", 12.0);
        assertThat(page.sum("switchboard_events_rejected_total")).isEqualTo(12.0);
        assertThat(page.sum("process_uptime_seconds")).isEqualTo(12.5);
    }

    @Test
    void heapUsedAndMaxAreTheHeapPoolsTogetherAndTheOldGenAndLiveDataApart() {
        MetricsPage page = MetricsPage.parse(PAGE);

        assertThat(page.heapUsedBytes()).isEqualTo(3500.0);
        assertThat(page.heapMaxBytes()).isEqualTo(10000.0);
        assertThat(page.oldGenUsedBytes()).isEqualTo(3000.0);
        assertThat(page.liveDataBytes()).isEqualTo(2500.0);
    }

    @Test
    void theGatewaysOwnMetersLeaveOutConsumeLag() {
        MetricsPage page = MetricsPage.parse(PAGE);

        assertThat(PoisonTable.gatewayOwn(page)).extracting(MetricsPage.Sample::name)
                .containsExactly("switchboard_gateway_retained_bytes");
        assertThat(PoisonTable.gatewayOwn(page)).noneMatch(PoisonTable::isBound);
    }
}
