package io.switchboard.chat.service;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.opentelemetry.context.Context;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.chat.model.ChatState;
import io.switchboard.chat.model.Turn;
import io.switchboard.chat.model.TurnStatus;
import io.switchboard.events.Envelope;
import io.switchboard.events.EventType;
import io.switchboard.events.chat.CommandRejected;
import io.switchboard.events.chat.QueuedTurnEdited;
import io.switchboard.events.chat.TurnCancelled;
import io.switchboard.events.chat.TurnQueued;
import io.switchboard.events.command.CancelTurn;
import io.switchboard.events.command.Delivery;
import io.switchboard.events.command.EditQueuedTurn;
import io.switchboard.events.command.SendMessage;

/**
 * What a chat's commands and lifecycle changes do to it (see the methods of the same names on {@link ChatLane}),
 * and whether the chat is open for messages. Each runs as one of the lane's serial tasks, so it needs no locking.
 */
final class LaneCommands {

    private final String chatId;
    private final String tenantId;
    private final LaneServices services;
    private final ChatEventStream stream;
    private final TurnEndings endings;
    private final TurnCycle cycle;
    private final Retirement retirement;
    private ChatState state;

    LaneCommands(String chatId, String tenantId, ChatState state, LaneServices services, ChatEventStream stream,
            TurnEndings endings, TurnCycle cycle, Retirement retirement) {
        this.chatId = chatId;
        this.tenantId = tenantId;
        this.state = state;
        this.services = services;
        this.stream = stream;
        this.endings = endings;
        this.cycle = cycle;
        this.retirement = retirement;
    }

    Uni<Void> send(SendMessage message, Context trace) {
        if (retirement.underway()) {
            return Uni.createFrom().voidItem();
        }
        Optional<String> closed = closedReason();
        if (closed.isPresent()) {
            return reject(EventType.SEND_MESSAGE, message.clientMessageId(), closed.get(),
                    "The chat is " + state.name().toLowerCase() + " and takes no messages");
        }
        boolean now = message.effectiveDelivery() == Delivery.NOW;
        Turn turn = new Turn(UUID.randomUUID(), tenantId, chatId, message.clientMessageId(), message.userId(),
                message.text(), message.model(), TurnStatus.QUEUED, 0);
        return services.turns.insertIfNew(turn, now).chain(inserted -> inserted
                .map(stored -> {
                    services.traces.queued(stored, trace);
                    return queue(stored, now);
                })
                .orElseGet(() -> requeueIfStranded(message.clientMessageId(), now, trace)));
    }

    Uni<Void> cancel(CancelTurn command) {
        if (cycle.isRunning(command.turnId())) {
            cycle.stopRunningTurn(TurnOutcome.cancelled(TurnCancelled.CANCELLED));
            return Uni.createFrom().voidItem();
        }
        Optional<Turn> queued = cycle.waiting().remove(command.turnId());
        if (queued.isEmpty()) {
            return reject(EventType.CANCEL_TURN, command.turnId().toString(), "turn_not_open",
                    "The turn is neither queued nor running in this chat");
        }
        return endings.cancelWaiting(List.of(queued.get()), TurnCancelled.CANCELLED)
                .chain(cycle::closeWindowIfQuiet);
    }

    Uni<Void> stop(UUID turnId) {
        String reference = turnId == null ? null : turnId.toString();
        if (!cycle.hasRunningTurn()) {
            return reject(EventType.STOP_TURN, reference, "not_running", "No turn of this chat is running");
        }
        if (turnId != null && !cycle.isRunning(turnId)) {
            return reject(EventType.STOP_TURN, reference, "turn_not_running",
                    "That turn is not the one running in this chat");
        }
        cycle.stopRunningTurn(TurnOutcome.cancelled(TurnCancelled.STOPPED));
        return Uni.createFrom().voidItem();
    }

    Uni<Void> edit(EditQueuedTurn command) {
        if (!cycle.waiting().contains(command.turnId())) {
            return reject(EventType.EDIT_QUEUED_TURN, command.turnId().toString(), "turn_not_queued",
                    "Only a turn that is still queued can be edited");
        }
        if (command.text() == null || command.text().isBlank()) {
            return reject(EventType.EDIT_QUEUED_TURN, command.turnId().toString(), "invalid_text",
                    "The new text must not be blank");
        }
        return services.turns.updateQueuedText(tenantId, command.turnId(), command.text()).chain(updated -> {
            if (!updated) {
                return reject(EventType.EDIT_QUEUED_TURN, command.turnId().toString(), "turn_not_queued",
                        "Only a turn that is still queued can be edited");
            }
            // Still waiting: every change of the queue runs as one of this lane's tasks, like this one.
            cycle.waiting().replaceText(command.turnId(), command.text());
            return stream.publishInWindow(command.turnId(), new QueuedTurnEdited(command.text()))
                    .chain(cycle::closeWindowIfQuiet);
        });
    }

    Uni<Void> changeState(ChatState newState) {
        state = newState;
        Optional<String> closed = closedReason();
        if (closed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Turn> queued = cycle.waiting().drain();
        cycle.stopRunningTurn(TurnOutcome.cancelled(closed.get()));
        return endings.cancelWaiting(queued, closed.get()).chain(cycle::closeWindowIfQuiet);
    }

    Uni<Void> commandSetAside(Envelope command, boolean retriesExhausted) {
        String reference = command.payload() instanceof SendMessage message ? message.clientMessageId()
                : command.turnId() == null ? null : command.turnId().toString();
        return retriesExhausted
                ? reject(command.eventType(), reference, ChatLane.COMMAND_FAILED,
                        "The command kept failing and was set aside; send it again")
                : reject(command.eventType(), reference, ChatLane.INVALID_COMMAND,
                        "The command could not be processed and was set aside");
    }

    /** The reason the turns of a closed (archived or deleted) chat are cancelled with; empty while it is active. */
    Optional<String> closedReason() {
        if (state == ChatState.ACTIVE) {
            return Optional.empty();
        }
        return Optional.of(state == ChatState.DELETED ? TurnCancelled.CHAT_DELETED : TurnCancelled.CHAT_ARCHIVED);
    }

    private Uni<Void> queue(Turn turn, boolean now) {
        int limit = services.config.scheduling().maxQueuedTurnsPerChat();
        int position = now ? 0 : cycle.nextPosition();
        Uni<Void> queued = stream.publishInWindow(turn.id(), new TurnQueued(turn.clientMessageId(), turn.userId(),
                turn.text(), turn.model(), position));
        // "Send now" jumps the queue but does not grow it past its cap: a client looping on it must not either.
        if (cycle.waiting().size() >= limit) {
            return queued.chain(() -> endings.withoutRunning(turn, TurnOutcome.failed("chat_queue_full",
                    "The chat already has " + limit + " queued messages"))).chain(cycle::closeWindowIfQuiet);
        }
        if (!services.scheduler.admit(tenantId)) {
            return queued.chain(() -> endings.withoutRunning(turn, TurnOutcome.failed("tenant_limit",
                    "Too many messages of this tenant are waiting; try again shortly")))
                    .chain(cycle::closeWindowIfQuiet);
        }
        cycle.waiting().insert(turn);
        return queued.invoke(() -> {
            if (now) {
                cycle.stopRunningTurn(TurnOutcome.cancelled(TurnCancelled.SUPERSEDED));
            }
            cycle.requestPermitIfNeeded();
        }).chain(cycle::closeWindowIfQuiet);
    }

    /**
     * A resent message is normally a no-op. But when an earlier attempt stored the turn and then failed before
     * queueing it (Kafka unavailable), the command is redelivered and the stored turn is queued now.
     */
    private Uni<Void> requeueIfStranded(String clientMessageId, boolean now, Context trace) {
        return services.turns.find(tenantId, chatId, clientMessageId).chain(existing -> {
            boolean stranded = existing.isPresent() && existing.get().status() == TurnStatus.QUEUED
                    && !cycle.waiting().contains(existing.get().id()) && !cycle.isRunning(existing.get().id());
            if (stranded) {
                Log.infof("chatId=%s message %s was stored but not queued: queueing it", chatId, clientMessageId);
                services.traces.queued(existing.get(), trace);
                return queue(existing.get(), now);
            }
            Log.infof("chatId=%s message %s was already accepted: ignored", chatId, clientMessageId);
            return Uni.createFrom().voidItem();
        });
    }

    private Uni<Void> reject(EventType command, String reference, String reason, String message) {
        Log.infof("chatId=%s %s rejected: %s", chatId, command.wireName(), reason);
        return stream.publishInWindow(null, new CommandRejected(command.wireName(), reference, reason, message))
                .chain(cycle::closeWindowIfQuiet);
    }
}
