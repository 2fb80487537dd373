package io.switchboard.chat.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.switchboard.chat.llm.ModelEvent;
import io.switchboard.events.chat.TokenUsage;

class DeltaCoalescerTest {

    @Test
    void keepsEveryPieceInOrderWhenSendingIsSlowerThanTheWindow() {
        List<String> pieces = IntStream.range(0, 60).mapToObj(i -> "w" + i + " ").toList();
        Multi<ModelEvent> model = Multi.createFrom().ticks().every(Duration.ofMillis(2))
                .onOverflow().buffer(pieces.size())
                .select().first(pieces.size())
                .map(tick -> new ModelEvent.Text(pieces.get(tick.intValue())));

        List<ModelEvent> deltas = DeltaCoalescer.coalesce(model, Duration.ofMillis(5))
                // each send takes longer than a window, as a slow Kafka acknowledgement would
                .onItem().transformToUniAndConcatenate(delta -> Uni.createFrom().item(delta)
                        .onItem().delayIt().by(Duration.ofMillis(20)))
                .collect().asList()
                .await().atMost(Duration.ofSeconds(20));

        assertThat(deltas).hasSizeLessThan(pieces.size()).allSatisfy(delta -> assertThat(delta)
                .isInstanceOfSatisfying(ModelEvent.Text.class, text -> assertThat(text.text()).isNotEmpty()));
        assertThat(deltas.stream().map(delta -> ((ModelEvent.Text) delta).text()).collect(Collectors.joining()))
                .isEqualTo(String.join("", pieces));
    }

    @Test
    void mergesOnlyNeighbouringTextAndKeepsToolCallsInPlace() {
        ModelEvent.ToolCall call = new ModelEvent.ToolCall("c1", "read_file", "{}");
        ModelEvent.Finished finished = new ModelEvent.Finished(new TokenUsage(1, 2));

        List<ModelEvent> merged = DeltaCoalescer.merge(List.of(new ModelEvent.Text("a"), new ModelEvent.Text("b"),
                call, new ModelEvent.Text("c"), finished));

        assertThat(merged).containsExactly(new ModelEvent.Text("ab"), call, new ModelEvent.Text("c"), finished);
    }
}
