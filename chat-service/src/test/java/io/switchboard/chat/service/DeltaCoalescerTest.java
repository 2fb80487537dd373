package io.switchboard.chat.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

class DeltaCoalescerTest {

    @Test
    void keepsEveryPieceInOrderWhenSendingIsSlowerThanTheWindow() {
        List<String> pieces = IntStream.range(0, 60).mapToObj(i -> "w" + i + " ").toList();
        Multi<String> model = Multi.createFrom().ticks().every(Duration.ofMillis(2))
                .onOverflow().buffer(pieces.size())
                .select().first(pieces.size())
                .map(tick -> pieces.get(tick.intValue()));

        List<String> deltas = DeltaCoalescer.coalesce(model, Duration.ofMillis(5))
                // each send takes longer than a window, as a slow Kafka acknowledgement would
                .onItem().transformToUniAndConcatenate(delta -> Uni.createFrom().item(delta)
                        .onItem().delayIt().by(Duration.ofMillis(20)))
                .collect().asList()
                .await().atMost(Duration.ofSeconds(20));

        assertThat(String.join("", deltas)).isEqualTo(pieces.stream().collect(Collectors.joining()));
        assertThat(deltas).hasSizeLessThan(pieces.size()).allSatisfy(delta -> assertThat(delta).isNotEmpty());
    }
}
