package io.switchboard.chat.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
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
    void theFirstPieceOfEachStepGoesOutAtOnceAndTheRestWaitsForItsWindow() {
        UnicastProcessor<ModelEvent> model = UnicastProcessor.create();
        List<ModelEvent> sent = new CopyOnWriteArrayList<>();
        ModelEvent.ToolCall call = new ModelEvent.ToolCall("c1", "read_file", "{}");
        ModelEvent.Finished finished = new ModelEvent.Finished(new TokenUsage(1, 2));
        // A window no test outlives: anything that is not first waits for the next event or the end.
        DeltaCoalescer.coalesce(model, Duration.ofHours(1)).subscribe().with(sent::add);

        model.onNext(new ModelEvent.Text("Hel"));
        assertThat(sent).containsExactly(new ModelEvent.Text("Hel"));
        model.onNext(new ModelEvent.Text("lo"));
        model.onNext(new ModelEvent.Text(" there"));
        assertThat(sent).hasSize(1);

        model.onNext(call);
        assertThat(sent).containsExactly(new ModelEvent.Text("Hel"), new ModelEvent.Text("lo there"), call);
        model.onNext(new ModelEvent.Text("Done"));
        assertThat(sent).endsWith(new ModelEvent.Text("Done"));
        model.onNext(new ModelEvent.Text("."));
        model.onNext(finished);
        model.onComplete();
        assertThat(sent).containsExactly(new ModelEvent.Text("Hel"), new ModelEvent.Text("lo there"), call,
                new ModelEvent.Text("Done"), new ModelEvent.Text("."), finished);
    }

    @Test
    void aFailureSendsWhatWasGatheredFirst() {
        UnicastProcessor<ModelEvent> model = UnicastProcessor.create();
        List<ModelEvent> sent = new CopyOnWriteArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        DeltaCoalescer.coalesce(model, Duration.ofHours(1)).subscribe().with(sent::add, failures::add);
        model.onNext(new ModelEvent.Text("a"));
        model.onNext(new ModelEvent.Text("b"));
        model.onError(new IllegalStateException("provider hung up"));
        assertThat(sent).containsExactly(new ModelEvent.Text("a"), new ModelEvent.Text("b"));
        assertThat(failures).singleElement().extracting(Throwable::getMessage).isEqualTo("provider hung up");
    }
}
