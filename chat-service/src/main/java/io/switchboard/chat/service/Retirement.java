package io.switchboard.chat.service;

import java.util.concurrent.CompletableFuture;

import io.smallrye.mutiny.Uni;

/**
 * A lane giving its chat up (see {@link ChatLane#retire}). Its flags change only in the lane's serial tasks; the
 * retirement completes once, from the task that finishes it or from a task that failed on the way.
 */
final class Retirement {

    private final ChatEventStream stream;
    private final CompletableFuture<Void> retired = new CompletableFuture<>();
    private boolean underway;
    private boolean publish;

    Retirement(ChatEventStream stream) {
        this.stream = stream;
    }

    /** From now on no turn starts and no message is taken; {@code publish} as in {@link ChatLane#retire}. */
    void begin(boolean publish) {
        this.underway = true;
        this.publish = publish;
    }

    boolean underway() {
        return underway;
    }

    /** True when another instance may own the chat already, so nothing more of it is published. */
    boolean silent() {
        return underway && !publish;
    }

    /** Once nothing runs any more: checkpoints the stream clean when it may still publish, then completes. */
    Uni<Void> finish() {
        Uni<Void> checkpoint = publish ? stream.closeWindow() : Uni.createFrom().voidItem();
        return checkpoint.invoke(() -> retired.complete(null))
                .onFailure().invoke(retired::completeExceptionally);
    }

    void failed(Throwable failure) {
        retired.completeExceptionally(failure);
    }

    /** Completes when the retirement has finished. */
    Uni<Void> done() {
        return Uni.createFrom().completionStage(retired);
    }
}
