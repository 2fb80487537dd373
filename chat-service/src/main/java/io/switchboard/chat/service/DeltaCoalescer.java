package io.switchboard.chat.service;

import java.time.Duration;

import io.smallrye.mutiny.Multi;

/**
 * Gathers a model's pieces of text in short windows, so one TextDelta carries many tokens instead of
 * one Kafka record per token.
 */
final class DeltaCoalescer {

    private DeltaCoalescer() {
    }

    static Multi<String> coalesce(Multi<String> pieces, Duration window) {
        return pieces.group().intoLists().every(window)
                // The window timer fires whether or not the previous delta's send has been acknowledged;
                // windows closed meanwhile wait here and go out in order instead of failing the stream.
                .onOverflow().buffer(4096)
                .select().where(list -> !list.isEmpty())
                .map(list -> String.join("", list));
    }
}
