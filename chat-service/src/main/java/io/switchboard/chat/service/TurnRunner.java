package io.switchboard.chat.service;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.chat.config.ChatConfig;
import io.switchboard.chat.llm.ChatModel;
import io.switchboard.chat.llm.ModelRegistry;
import io.switchboard.chat.llm.ModelRequest;
import io.switchboard.chat.model.Turn;
import io.switchboard.chat.model.TurnStatus;
import io.switchboard.chat.repository.TurnRepository;
import io.switchboard.events.EventPayload;
import io.switchboard.events.chat.TextDelta;
import io.switchboard.events.chat.TokenUsage;
import io.switchboard.events.chat.TurnCompleted;
import io.switchboard.events.chat.TurnFailed;
import io.switchboard.events.chat.TurnStarted;

/** Runs one turn: streams the model's answer as chat.events and records how the turn ended. */
@ApplicationScoped
public class TurnRunner {

    private final ModelRegistry models;
    private final ChatEventPublisher publisher;
    private final TurnRepository turns;
    private final ChatConfig config;

    public TurnRunner(ModelRegistry models, ChatEventPublisher publisher, TurnRepository turns, ChatConfig config) {
        this.models = models;
        this.publisher = publisher;
        this.turns = turns;
        this.config = config;
    }

    /** Completes when the turn has ended, successfully or not; never fails. */
    public Uni<Void> run(Turn turn) {
        Optional<ChatModel> model = models.find(turn.model());
        if (model.isEmpty()) {
            return fail(turn, "unknown_model", "No model named '" + turn.model() + "' is configured");
        }
        Log.infof("chatId=%s turn %s starting on %s", turn.chatId(), turn.id(), turn.model());
        StringBuilder answer = new StringBuilder();
        AtomicLong outputTokens = new AtomicLong();
        return turns.updateStatus(turn.id(), TurnStatus.RUNNING)
                .chain(() -> publish(turn, new TurnStarted(turn.model())))
                .chain(() -> DeltaCoalescer.coalesce(model.get()
                                .stream(new ModelRequest(turn.chatId(), turn.model(), turn.text()))
                                .invoke(piece -> outputTokens.incrementAndGet()), config.coalesceWindow())
                        .onItem().transformToUniAndConcatenate(text -> {
                            answer.append(text);
                            return publish(turn, new TextDelta(text));
                        })
                        .collect().last())
                .chain(() -> publish(turn, new TurnCompleted(answer.toString(),
                        new TokenUsage(estimateTokens(turn.text()), outputTokens.get()))))
                .chain(() -> turns.updateStatus(turn.id(), TurnStatus.COMPLETED))
                .invoke(() -> Log.infof("chatId=%s turn %s completed", turn.chatId(), turn.id()))
                .onFailure().recoverWithUni(failure -> fail(turn, "model_error", describe(failure)))
                .eventually(() -> publisher.checkpoint(turn.chatId()));
    }

    private Uni<Void> fail(Turn turn, String reason, String message) {
        Log.warnf("chatId=%s turn %s failed: %s (%s)", turn.chatId(), turn.id(), reason, message);
        return publish(turn, new TurnFailed(reason, message))
                .chain(() -> turns.updateStatus(turn.id(), TurnStatus.FAILED))
                .onFailure().invoke(failure -> Log.errorf(failure, "chatId=%s turn %s: failure not recorded",
                        turn.chatId(), turn.id()))
                .onFailure().recoverWithNull()
                .eventually(() -> publisher.checkpoint(turn.chatId()));
    }

    private Uni<Void> publish(Turn turn, EventPayload payload) {
        return publisher.publish(turn.chatId(), turn.tenantId(), turn.id(), payload).replaceWithVoid();
    }

    private static long estimateTokens(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? 0 : stripped.split("\\s+").length;
    }

    private static String describe(Throwable failure) {
        return failure.getMessage() == null ? "The model stream ended with an error" : failure.getMessage();
    }
}
