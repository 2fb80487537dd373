package io.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GatewayMetricsTest {

    private static final String BEFORE = """
            # TYPE switchboard_ws_delivery_latency_seconds histogram
            switchboard_ws_delivery_latency_seconds_bucket{le="0.001"} 10.0
            switchboard_ws_delivery_latency_seconds_bucket{le="0.01"} 10.0
            switchboard_ws_delivery_latency_seconds_bucket{le="0.1"} 10.0
            switchboard_ws_delivery_latency_seconds_bucket{le="+Inf"} 10.0
            switchboard_ws_events_delivered_total 10.0
            switchboard_ws_connections 0.0
            jvm_memory_used_bytes{area="heap",id="Tenured Gen"} 1000.0
            jvm_memory_used_bytes{area="heap",id="Eden Space"} 500.0
            jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 99999.0
            """;

    private static final String AFTER = """
            switchboard_ws_delivery_latency_seconds_bucket{le="0.001"} 20.0
            switchboard_ws_delivery_latency_seconds_bucket{le="0.01"} 60.0
            switchboard_ws_delivery_latency_seconds_bucket{le="0.1"} 109.0
            switchboard_ws_delivery_latency_seconds_bucket{le="+Inf"} 110.0
            switchboard_ws_delivery_latency_seconds_count 110.0
            switchboard_ws_events_delivered_total 110.0
            switchboard_ws_connections 5000.0
            jvm_memory_used_bytes{area="heap",id="Tenured Gen"} 3000.0
            """;

    @Test
    void readsCountersGaugesAndHeap() {
        GatewayMetrics before = GatewayMetrics.parse(BEFORE);
        GatewayMetrics after = GatewayMetrics.parse(AFTER);

        assertThat(before.heapUsedBytes()).isEqualTo(1500.0);
        assertThat(after.connections()).isEqualTo(5000.0);
        assertThat(after.delivered() - before.delivered()).isEqualTo(100.0);
    }

    @Test
    void quantilesComeFromTheBucketDeltasBetweenTwoScrapes() {
        GatewayMetrics before = GatewayMetrics.parse(BEFORE);
        GatewayMetrics after = GatewayMetrics.parse(AFTER);

        // 100 new samples: 10 under 1 ms, 40 more under 10 ms, 49 more under 100 ms, 1 above.
        assertThat(after.latencyCountSince(before)).isEqualTo(100);
        assertThat(after.latencyQuantileSince(before, 0.10)).isEqualTo(0.001);
        assertThat(after.latencyQuantileSince(before, 0.50)).isEqualTo(0.01);
        assertThat(after.latencyQuantileSince(before, 0.99)).isEqualTo(0.1);
        assertThat(after.latencyQuantileSince(before, 1.0)).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void noNewSamplesGiveNoQuantile() {
        GatewayMetrics before = GatewayMetrics.parse(BEFORE);

        assertThat(before.latencyQuantileSince(before, 0.5)).isNaN();
    }
}
