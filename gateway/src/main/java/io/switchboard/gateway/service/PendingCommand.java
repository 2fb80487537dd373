package io.switchboard.gateway.service;

import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import io.smallrye.mutiny.Uni;

/**
 * A command already handed to the Kafka producer, whose acknowledgement is still to come. Handing over is
 * what orders a chat's commands (the producer keeps a partition's records in the order it was given them),
 * so a caller that must keep order waits for the hand-over only, and answers the acknowledgement whenever it
 * comes: a socket's next frame does not wait for the previous command's round trip to the broker.
 *
 * @param acknowledged the answer once Kafka has the command, or the refusal if it never gets it
 */
public record PendingCommand<T>(Uni<T> acknowledged) {

    static <T> PendingCommand<T> of(CompletionStage<Void> acknowledgement, T answer) {
        return new PendingCommand<>(Uni.createFrom().completionStage(acknowledgement).replaceWith(answer));
    }

    public <R> PendingCommand<R> map(Function<? super T, ? extends R> mapper) {
        return new PendingCommand<>(acknowledged.map(mapper));
    }
}
