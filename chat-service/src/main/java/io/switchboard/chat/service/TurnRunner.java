package io.switchboard.chat.service;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.chat.config.ChatConfig;
import io.switchboard.chat.llm.ChatModel;
import io.switchboard.chat.llm.ModelRegistry;
import io.switchboard.chat.llm.ChatMessage;
import io.switchboard.chat.llm.ModelEvent;
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
            return record(turn, failed(turn, "unknown_model", "No model named '" + turn.model() + "' is configured"));
        }
        Log.infof("chatId=%s turn %s starting on %s", turn.chatId(), turn.id(), turn.model());
        StringBuilder answer = new StringBuilder();
        AtomicLong outputTokens = new AtomicLong();
        Uni<TurnStatus> answered = turns.updateStatus(turn.id(), TurnStatus.RUNNING)
                .chain(() -> publish(turn, new TurnStarted(turn.model())))
                .chain(() -> DeltaCoalescer.coalesce(model.get()
                                .stream(new ModelRequest(turn.chatId(), turn.model(),
                                        List.of(new ChatMessage.User(turn.text())), List.of()))
                                .invoke(event -> {
                                    if (event instanceof ModelEvent.Finished finished) {
                                        outputTokens.set(finished.usage().outputTokens());
                                    }
                                })
                                .select().where(event -> event instanceof ModelEvent.Text)
                                .map(event -> ((ModelEvent.Text) event).text()), config.coalesceWindow())
                        .onItem().transformToUniAndConcatenate(text -> {
                            answer.append(text);
                            return publish(turn, new TextDelta(text));
                        })
                        .collect().last())
                .chain(() -> publish(turn, new TurnCompleted(answer.toString(),
                        new TokenUsage(estimateTokens(turn.text()), outputTokens.get()))))
                .invoke(() -> Log.infof("chatId=%s turn %s completed", turn.chatId(), turn.id()))
                .replaceWith(TurnStatus.COMPLETED)
                // Only a failure before TurnCompleted went out ends the turn as failed; bookkeeping after it
                // must never announce a second ending.
                .onFailure().recoverWithUni(failure -> failed(turn, "model_error", describe(failure)));
        return record(turn, answered);
    }

    /** Announces the failure; completes with FAILED either way. */
    private Uni<TurnStatus> failed(Turn turn, String reason, String message) {
        Log.warnf("chatId=%s turn %s failed: %s (%s)", turn.chatId(), turn.id(), reason, message);
        return publish(turn, new TurnFailed(reason, message))
                .onFailure().invoke(failure -> Log.errorf(failure, "chatId=%s turn %s: TurnFailed not published",
                        turn.chatId(), turn.id()))
                .onFailure().recoverWithNull()
                .replaceWith(TurnStatus.FAILED);
    }

    /** Stores how the turn ended and the chat's seq, once, whatever the outcome. */
    private Uni<Void> record(Turn turn, Uni<TurnStatus> outcome) {
        return outcome
                .chain(status -> turns.updateStatus(turn.id(), status))
                .onFailure().invoke(failure -> Log.errorf(failure, "chatId=%s turn %s: end not recorded",
                        turn.chatId(), turn.id()))
                .onFailure().recoverWithNull()
                .eventually(() -> publisher.checkpoint(turn.chatId()))
                .onFailure().invoke(failure -> Log.errorf(failure, "chatId=%s turn %s: seq checkpoint not stored",
                        turn.chatId(), turn.id()))
                .onFailure().recoverWithNull();
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
