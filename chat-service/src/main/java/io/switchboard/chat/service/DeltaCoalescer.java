package io.switchboard.chat.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.smallrye.mutiny.Multi;
import io.switchboard.chat.llm.ModelEvent;

/**
 * Gathers a model's pieces of text in short windows, so one TextDelta carries many tokens instead of
 * one Kafka record per token. Tool calls and the step's end pass through in their place.
 */
final class DeltaCoalescer {

    private DeltaCoalescer() {
    }

    static Multi<ModelEvent> coalesce(Multi<ModelEvent> events, Duration window) {
        return events.group().intoLists().every(window)
                // The window timer fires whether or not the previous delta's send has been acknowledged;
                // windows closed meanwhile wait here and go out in order instead of failing the stream.
                .onOverflow().buffer(4096)
                .onItem().transformToIterable(DeltaCoalescer::merge);
    }

    /** Joins consecutive text pieces of one window; everything else keeps its order. */
    static List<ModelEvent> merge(List<ModelEvent> window) {
        List<ModelEvent> merged = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (ModelEvent event : window) {
            if (event instanceof ModelEvent.Text piece) {
                text.append(piece.text());
                continue;
            }
            if (!text.isEmpty()) {
                merged.add(new ModelEvent.Text(text.toString()));
                text.setLength(0);
            }
            merged.add(event);
        }
        if (!text.isEmpty()) {
            merged.add(new ModelEvent.Text(text.toString()));
        }
        return merged;
    }
}
