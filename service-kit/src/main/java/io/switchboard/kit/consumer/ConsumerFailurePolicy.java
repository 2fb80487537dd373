package io.switchboard.kit.consumer;

import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.events.Envelope;
import io.switchboard.events.kafka.ChatKeyGuard;
import io.switchboard.events.kafka.EnvelopeDeserializer;
import io.switchboard.kit.logging.ChatLogContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The one rule every Kafka consumer of every service follows, so that no record can stop a consumer, a
 * partition or another tenant:
 * <ol>
 * <li>the guard refuses records that are unreadable or not routable (bad chatId, key or tenant); they are
 * dead-lettered;</li>
 * <li>a handler failure that retrying cannot fix ({@link FailureClassifier}) is not retried;</li>
 * <li>any other failure is retried with exponential back-off, a bounded number of times;</li>
 * <li>a record given up on is dead-lettered ({@link DeadLetters}), counted, and handed to the consumer's
 * visible-outcome callback, so the chat hears of it; then the partition moves on.</li>
 * </ol>
 * A record of a type the consumer passes over unread ({@link EnvelopeDeserializer#SKIP_TYPES_CONFIG}) is not
 * admitted either, but only counted: it is of no interest here, not bad. The returned {@link Uni}s never fail.
 */
@ApplicationScoped
public class ConsumerFailurePolicy {

    public static final String RETRIES_METRIC = "switchboard.consumer.retries";
    public static final String SKIPPED_METRIC = "switchboard.consumer.skipped";

    private final ChatKeyGuard guard;
    private final DeadLetters deadLetters;
    private final ConsumerPolicyConfig config;
    private final MeterRegistry registry;

    public ConsumerFailurePolicy(ChatKeyGuard guard, DeadLetters deadLetters, ConsumerPolicyConfig config,
            MeterRegistry registry) {
        this.guard = guard;
        this.deadLetters = deadLetters;
        this.config = config;
        this.registry = registry;
    }

    /**
     * True when the record may be handled; a refused one has been counted and dead-lettered, one passed over
     * unread only counted.
     */
    public Uni<Boolean> admit(ConsumerRecord<String, Envelope> record) {
        if (record.value() == null && EnvelopeDeserializer.skipped(record.headers())) {
            registry.counter(SKIPPED_METRIC, "topic", record.topic()).increment();
            return Uni.createFrom().item(false);
        }
        if (guard.admit(record)) {
            return Uni.createFrom().item(true);
        }
        String reason = ChatKeyGuard.rejection(record).orElse("rejected");
        return deadLetters.send(record, reason, null).replaceWith(false);
    }

    /** Admits the record, then handles it under the policy; the callback tells the chat when it is given up. */
    public Uni<Void> process(ConsumerRecord<String, Envelope> record, Function<Envelope, Uni<Void>> handler,
            Function<GivenUp, Uni<Void>> visibleOutcome) {
        return admit(record).chain(admitted -> {
            if (!admitted) {
                return Uni.createFrom().voidItem();
            }
            ChatLogContext.enter(record.value(), record.headers());
            return handle(record, () -> handler.apply(record.value()), visibleOutcome);
        });
    }

    /** Handles an admitted record under the policy. */
    public Uni<Void> handle(ConsumerRecord<String, Envelope> record, Supplier<Uni<Void>> handler,
            Function<GivenUp, Uni<Void>> visibleOutcome) {
        int retries = Math.max(0, config.maxAttempts() - 1);
        // Back-off timers and the dead-letter acknowledgement end on other threads; the chat is told on the
        // record's own Vert.x context, where a database session of the consumer's can be opened.
        Executor recordContext = onContext(Vertx.currentContext());
        return Uni.createFrom().<Void>deferred(handler::get)
                .onFailure(FailureClassifier::isTransient).invoke(failure -> {
                    registry.counter(RETRIES_METRIC, "topic", record.topic()).increment();
                    Log.debugf("chatId=%s %s offset %d failed, retrying: %s", record.key(), record.topic(),
                            record.offset(), failure.getMessage());
                })
                .onFailure(FailureClassifier::isTransient).retry()
                .withBackOff(config.initialBackoff(), config.maxBackoff()).atMost(retries)
                .onFailure().recoverWithUni(failure -> giveUp(record, failure, visibleOutcome, recordContext));
    }

    /**
     * For consumers that must not wait (the gateway's fan-out): runs the handler at once and on a failure
     * dead-letters the record in the background, without retrying. True when the handler succeeded.
     */
    public boolean handleNow(ConsumerRecord<String, Envelope> record, Runnable handler) {
        try {
            handler.run();
            return true;
        } catch (RuntimeException failure) {
            deadLetters.send(record, GivenUp.UNPROCESSABLE, failure).subscribe().with(done -> { });
            return false;
        }
    }

    private Uni<Void> giveUp(ConsumerRecord<String, Envelope> record, Throwable failure,
            Function<GivenUp, Uni<Void>> visibleOutcome, Executor recordContext) {
        String reason = FailureClassifier.isPermanent(failure) ? GivenUp.UNPROCESSABLE : GivenUp.RETRIES_EXHAUSTED;
        GivenUp givenUp = new GivenUp(record.value(), reason, reason.equals(GivenUp.UNPROCESSABLE)
                ? "The request could not be processed and was set aside"
                : "The request could not be processed in time and was set aside");
        Uni<Void> outcome = Optional.ofNullable(visibleOutcome).map(callback -> Uni.createFrom()
                .deferred(() -> callback.apply(givenUp))
                .runSubscriptionOn(recordContext)
                .onFailure().invoke(notTold -> Log.errorf(notTold, "chatId=%s could not be told that %s offset %d "
                        + "was set aside", record.key(), record.topic(), record.offset()))
                .onFailure().recoverWithNull()).orElse(Uni.createFrom().voidItem());
        return deadLetters.send(record, reason, failure).chain(() -> outcome);
    }

    private static Executor onContext(Context context) {
        if (context == null) {
            return Runnable::run;
        }
        return task -> {
            if (Vertx.currentContext() == context) {
                task.run();
            } else {
                context.runOnContext(ignored -> task.run());
            }
        };
    }
}
