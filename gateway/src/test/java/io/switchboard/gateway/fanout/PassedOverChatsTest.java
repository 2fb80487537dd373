package io.switchboard.gateway.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class PassedOverChatsTest {

    private static final Duration MAX_AGE = Duration.ofMillis(100);

    private final PassedOverChats gaps = new PassedOverChats(MAX_AGE);

    @Test
    void aGapBeginsAtTheFirstRecordPassedOver() {
        gaps.note("a", 4, 10);
        gaps.note("a", 4, 11);
        gaps.note("b", 7, 12);

        PassedOverChats.Gap gap = gaps.take("a");
        assertThat(gap.partition()).isEqualTo(4);
        assertThat(gap.offset()).isEqualTo(10);
        assertThat(gaps.take("a")).as("taken").isNull();
        assertThat(gaps.size()).isEqualTo(1);
    }

    @Test
    void aGapOlderThanTheReplayWindowBeginsAgainAtTheNextRecord() {
        gaps.note("a", 4, 10);
        await().pollDelay(MAX_AGE.multipliedBy(2)).until(() -> true);
        gaps.note("a", 4, 500);
        gaps.note("a", 4, 501);

        assertThat(gaps.take("a").offset()).isEqualTo(500);
    }

    @Test
    void gapsNothingWasAddedToForAWhileAreForgotten() {
        gaps.note("quiet", 1, 10);
        await().pollDelay(MAX_AGE.multipliedBy(2)).until(() -> true);
        gaps.note("busy", 1, 11);

        assertThat(gaps.forgetOlderThan(MAX_AGE.toNanos())).isEqualTo(1);
        assertThat(gaps.lastPassedOverNanos("quiet")).isZero();
        assertThat(gaps.lastPassedOverNanos("busy")).isPositive();
    }
}
