package io.switchboard.chat.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

import io.opentelemetry.context.Context;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.chat.model.ChatState;
import io.switchboard.chat.model.ChatStream;
import io.switchboard.chat.model.Turn;
import io.switchboard.chat.model.TurnStatus;
import io.switchboard.events.Envelope;
import io.switchboard.events.EventPayload;
import io.switchboard.events.EventType;
import io.switchboard.events.chat.CommandRejected;
import io.switchboard.events.chat.QueuedTurnEdited;
import io.switchboard.events.chat.TokenUsage;
import io.switchboard.events.chat.TurnCancelled;
import io.switchboard.events.chat.TurnQueued;
import io.switchboard.events.chat.TurnStarted;
import io.switchboard.events.command.CancelTurn;
import io.switchboard.events.command.Delivery;
import io.switchboard.events.command.EditQueuedTurn;
import io.switchboard.events.command.SendMessage;
import io.switchboard.events.command.StopTurn;
import io.switchboard.kit.concurrent.SerialTasks;
import io.switchboard.kit.logging.ChatLogContext;

/**
 * One chat on this instance: its queue ({@link TurnQueue}), its running turn and its event stream
 * ({@link ChatEventStream}); how turns end is {@link TurnEndings}. Everything that changes the chat (commands, a
 * turn starting or ending, the chat being archived) runs as one of its serial tasks, so the chat changes in one
 * order and publishes in that order, while other chats' lanes run side by side. Only a running turn's deltas and
 * tool events are published outside a task; the chat's EventSequence orders them.
 */
public final class ChatLane {

    public static final String INTERRUPTED = "interrupted";
    public static final String INVALID_COMMAND = "invalid_command";
    public static final String COMMAND_FAILED = "command_failed";

    private final String chatId;
    private final String tenantId;
    private final int partition;
    private final LaneServices services;
    private final ChatLanes owner;
    private final SerialTasks tasks;
    private final ChatEventStream stream;
    private final TurnEndings endings;
    private final TurnQueue waiting = new TurnQueue();
    private final CompletableFuture<Void> retired = new CompletableFuture<>();

    private ChatState state;
    private TokenUsage usage;
    private RunningTurn running;
    private boolean permitRequested;
    private boolean retiring;
    private boolean publishOnRetire;
    private boolean evicted;
    private volatile long lastActiveNanos = System.nanoTime();

    ChatLane(ChatStream loaded, String tenantId, int partition, LaneServices services, ChatLanes owner) {
        this.chatId = loaded.chatId();
        this.tenantId = tenantId;
        this.partition = partition;
        this.services = services;
        this.owner = owner;
        // A context of the chat's own on its event loop, so that every line the lane logs names the chat.
        this.tasks = new SerialTasks(ChatLogContext.forChat(services.contexts.forChat(chatId), chatId, tenantId));
        this.stream = new ChatEventStream(chatId, tenantId, loaded.lastSeq(), services.publisher, services.streams,
                tasks.executor());
        this.endings = new TurnEndings(chatId, tenantId, stream, services);
        this.state = loaded.state();
        this.usage = loaded.usage();
    }

    public String chatId() {
        return chatId;
    }

    public String tenantId() {
        return tenantId;
    }

    public int partition() {
        return partition;
    }

    // ---- commands ------------------------------------------------------------------------------------

    /**
     * Stores a message as a turn and queues it; a resent message is recognised and not run twice. {@code trace}
     * is the context the command came with, the parent of the turn's span.
     */
    public Uni<Void> send(SendMessage message, Context trace) {
        return task(lane -> lane.send(message, trace), () -> {
            if (retiring) {
                return Uni.createFrom().voidItem();
            }
            if (state != ChatState.ACTIVE) {
                return reject(EventType.SEND_MESSAGE, message.clientMessageId(), closedReason(),
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
        });
    }

    /** Cancels a queued turn, or the running one. */
    public Uni<Void> cancel(CancelTurn command) {
        return task(lane -> lane.cancel(command), () -> {
            if (running != null && running.turn().id().equals(command.turnId())) {
                running.stop(TurnOutcome.cancelled(TurnCancelled.CANCELLED));
                return Uni.createFrom().voidItem();
            }
            Optional<Turn> queued = waiting.remove(command.turnId());
            if (queued.isEmpty()) {
                return reject(EventType.CANCEL_TURN, command.turnId().toString(), "turn_not_open",
                        "The turn is neither queued nor running in this chat");
            }
            return cancelQueued(List.of(queued.get()), TurnCancelled.CANCELLED).chain(this::closeWindowIfQuiet);
        });
    }

    /**
     * Stops the running turn; the queue stays and its next turn starts. With {@code turnId} (the envelope's) only
     * that turn is stopped: a stop retried or redelivered after its turn ended must not stop the next one.
     */
    public Uni<Void> stop(StopTurn command, UUID turnId) {
        return task(lane -> lane.stop(command, turnId), () -> {
            String reference = turnId == null ? null : turnId.toString();
            if (running == null) {
                return reject(EventType.STOP_TURN, reference, "not_running", "No turn of this chat is running");
            }
            if (turnId != null && !running.turn().id().equals(turnId)) {
                return reject(EventType.STOP_TURN, reference, "turn_not_running",
                        "That turn is not the one running in this chat");
            }
            running.stop(TurnOutcome.cancelled(TurnCancelled.STOPPED));
            return Uni.createFrom().voidItem();
        });
    }

    /** Replaces the text of a turn that has not started yet. */
    public Uni<Void> edit(EditQueuedTurn command) {
        return task(lane -> lane.edit(command), () -> {
            if (!waiting.contains(command.turnId())) {
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
                waiting.replaceText(command.turnId(), command.text());
                return stream.publishInWindow(command.turnId(), new QueuedTurnEdited(command.text()))
                        .chain(this::closeWindowIfQuiet);
            });
        });
    }

    /** The chat was archived, deleted or restored; closing it cancels its queue and its running turn. */
    public Uni<Void> changeState(ChatState newState) {
        return task(lane -> lane.changeState(newState), () -> {
            state = newState;
            if (newState == ChatState.ACTIVE) {
                return Uni.createFrom().voidItem();
            }
            String reason = closedReason();
            List<Turn> queued = waiting.drain();
            if (running != null) {
                running.stop(TurnOutcome.cancelled(reason));
            }
            return cancelQueued(queued, reason).chain(this::closeWindowIfQuiet);
        });
    }

    /**
     * Tells the chat that a command of its was set aside, unprocessed (see ConsumerFailurePolicy): the client
     * that sent it sees CommandRejected with {@code invalid_command} (retrying cannot help) or
     * {@code command_failed} (it kept failing), instead of waiting for an answer that never comes.
     */
    public Uni<Void> commandSetAside(Envelope command, boolean retriesExhausted) {
        return task(lane -> lane.commandSetAside(command, retriesExhausted), () -> {
            String reference = command.payload() instanceof SendMessage message ? message.clientMessageId()
                    : command.turnId() == null ? null : command.turnId().toString();
            return retriesExhausted
                    ? reject(command.eventType(), reference, COMMAND_FAILED,
                            "The command kept failing and was set aside; send it again")
                    : reject(command.eventType(), reference, INVALID_COMMAND,
                            "The command could not be processed and was set aside");
        });
    }

    // ---- recovery and hand-over ------------------------------------------------------------------------

    /**
     * Takes over turns left open by an earlier owner: a turn that was running when it stopped ends as
     * {@code interrupted}; queued turns run in their order.
     */
    public Uni<Void> recover(List<Turn> open, RecoveredTail tail) {
        return task(lane -> lane.recover(open, tail), () -> {
            Uni<Void> work = Uni.createFrom().voidItem();
            List<Turn> queued = new ArrayList<>();
            for (Turn turn : open) {
                String published = tail.publishedEnding(turn.id());
                if (published != null) {
                    // The ending went out but was not stored before the crash: store it, announce nothing twice.
                    work = work.chain(() -> endings.recorded(turn, published));
                } else if (turn.status() == TurnStatus.RUNNING) {
                    work = work.chain(() -> endings.withoutRunning(turn, TurnOutcome.failed(INTERRUPTED,
                            "chat-service stopped while this turn was running")));
                } else if (!waiting.contains(turn.id())) {
                    queued.add(turn);
                }
            }
            if (state != ChatState.ACTIVE) {
                return work.chain(() -> cancelQueued(queued, closedReason())).chain(this::closeWindowIfQuiet);
            }
            for (Turn turn : queued) {
                services.scheduler.readmit(tenantId);
                if (!tail.wasAnnounced(chatId, turn.id())) {
                    // Stored, then the crash came before its TurnQueued: announce it now, so clients see it.
                    int position = waiting.size() + (running == null ? 0 : 1);
                    work = work.chain(() -> stream.publishInWindow(turn.id(), new TurnQueued(
                            turn.clientMessageId(), turn.userId(), turn.text(), turn.model(), position)));
                }
                waiting.insert(turn);
            }
            Log.infof("chatId=%s recovered %d open turns", chatId, open.size());
            return work.invoke(this::requestPermitIfNeeded).chain(this::closeWindowIfQuiet);
        });
    }

    /**
     * This instance gives the chat up. With {@code publish} the running turn ends as {@code interrupted}
     * and the stream is checkpointed clean; without (the partition was lost, someone else may own it
     * already) nothing more is published. Queued turns stay in the database for the next owner.
     */
    public Uni<Void> retire(boolean publish) {
        if (!publish) {
            // At once, not as a task: a task may be waiting on a send that is retried until Kafka is back.
            stream.abandon();
        }
        tasks.submit(() -> {
            retiring = true;
            publishOnRetire = publish;
            if (services.scheduler.withdraw(this)) {
                permitRequested = false;
            }
            for (Turn turn : waiting.drain()) {
                services.scheduler.settle(tenantId);
                services.traces.handedOver(turn.id());
            }
            if (running != null) {
                running.stop(TurnOutcome.failed(INTERRUPTED, "chat-service handed this chat over"));
                return Uni.createFrom().voidItem();
            }
            return finishRetirement();
        }).subscribe().with(done -> { }, failure -> retired.completeExceptionally(failure));
        return Uni.createFrom().completionStage(retired);
    }

    /**
     * Forgets this lane if the chat has been quiet for {@code idleFor}: nothing running or queued and its
     * stream checkpointed, so loading it again from the database gives the same state. True when evicted.
     */
    Uni<Boolean> evictIfIdle(Duration idleFor) {
        return tasks.submit(() -> {
            boolean idle = !evicted && !retiring && running == null && waiting.isEmpty() && !stream.windowOpen()
                    && !permitRequested && System.nanoTime() - lastActiveNanos >= idleFor.toNanos();
            if (idle) {
                evicted = true;
                owner.forget(this);
            }
            return Uni.createFrom().item(idle);
        });
    }

    /**
     * Runs a change of the chat as the lane's next task. A lane evicted meanwhile hands the change to the
     * chat's current lane instead, so there is never a second live lane for one chat.
     */
    private Uni<Void> task(Function<ChatLane, Uni<Void>> again, Supplier<Uni<Void>> change) {
        return tasks.submit(() -> {
            if (evicted) {
                return owner.lane(chatId, tenantId, partition).chain(lane -> again.apply(lane));
            }
            lastActiveNanos = System.nanoTime();
            return change.get();
        });
    }

    // ---- scheduling -----------------------------------------------------------------------------------

    /** Called by the scheduler: this lane may start its next turn. */
    void permitGranted() {
        tasks.submit(this::startNext).subscribe().with(done -> { },
                failure -> Log.errorf(failure, "chatId=%s turn could not start", chatId));
    }

    private Uni<Void> startNext() {
        permitRequested = false;
        Turn turn = retiring || running != null ? null : waiting.next();
        if (turn == null) {
            services.scheduler.release(this);
            return Uni.createFrom().voidItem();
        }
        long budget = services.config.turns().chatTokenBudget();
        if (budget > 0 && usage.inputTokens() + usage.outputTokens() >= budget) {
            services.scheduler.release(this);
            return endings.withoutRunning(turn, TurnOutcome.failed("token_budget_exceeded",
                            "The chat has used its budget of " + budget + " tokens"))
                    .invoke(() -> services.scheduler.settle(tenantId))
                    .invoke(this::requestPermitIfNeeded)
                    .chain(this::closeWindowIfQuiet);
        }
        RunningTurn current = new RunningTurn(turn);
        running = current;
        return stream.openWindow()
                .chain(() -> services.turns.markRunning(tenantId, turn.id()))
                .chain(() -> stream.publish(turn.id(), new TurnStarted(turn.model())))
                .invoke(() -> {
                    Log.infof("chatId=%s turn %s started on %s", chatId, turn.id(), turn.model());
                    services.traces.started(turn.id());
                    services.runner.run(this, current).subscribe().with(
                            outcome -> tasks.submit(() -> end(current, outcome)).subscribe().with(done -> { },
                                    failure -> Log.errorf(failure, "chatId=%s turn %s: ending not recorded",
                                            chatId, turn.id())),
                            failure -> Log.errorf(failure, "chatId=%s turn %s: runner failed", chatId, turn.id()));
                })
                .replaceWithVoid()
                .onFailure().call(failure -> {
                    Log.errorf(failure, "chatId=%s turn %s could not start", chatId, turn.id());
                    running = null;
                    services.scheduler.release(this);
                    return endings.withoutRunning(turn, TurnOutcome.failed("start_failed",
                                    "The turn could not start"))
                            .invoke(() -> services.scheduler.settle(tenantId))
                            .onFailure().recoverWithNull();
                });
    }

    /** Publishes the ending the runner decided, records it, commits the turn's files, frees the slot. */
    private Uni<Void> end(RunningTurn current, TurnOutcome outcome) {
        Turn turn = current.turn();
        boolean silent = retiring && !publishOnRetire;
        Uni<Void> recorded = silent
                ? Uni.createFrom().voidItem().invoke(() -> services.traces.handedOver(turn.id()))
                : endings.afterRunning(turn, outcome, totals -> usage = totals);
        return recorded
                .onFailure().invoke(failure -> Log.errorf(failure, "chatId=%s turn %s: ending not recorded",
                        chatId, turn.id()))
                .onFailure().recoverWithNull()
                .eventually(() -> {
                    running = null;
                    services.scheduler.release(this);
                    services.scheduler.settle(tenantId);
                    if (retiring) {
                        return finishRetirement();
                    }
                    requestPermitIfNeeded();
                    return closeWindowIfQuiet();
                });
    }

    private Uni<Void> queue(Turn turn, boolean now) {
        int limit = services.config.scheduling().maxQueuedTurnsPerChat();
        int position = now ? 0 : waiting.size() + (running == null ? 0 : 1);
        Uni<Void> queued = stream.publishInWindow(turn.id(), new TurnQueued(turn.clientMessageId(), turn.userId(),
                turn.text(), turn.model(), position));
        // "Send now" jumps the queue but does not grow it past its cap: a client looping on it must not either.
        if (waiting.size() >= limit) {
            return queued.chain(() -> endings.withoutRunning(turn, TurnOutcome.failed("chat_queue_full",
                    "The chat already has " + limit + " queued messages"))).chain(this::closeWindowIfQuiet);
        }
        if (!services.scheduler.admit(tenantId)) {
            return queued.chain(() -> endings.withoutRunning(turn, TurnOutcome.failed("tenant_limit",
                    "Too many messages of this tenant are waiting; try again shortly")))
                    .chain(this::closeWindowIfQuiet);
        }
        waiting.insert(turn);
        return queued.invoke(() -> {
            if (now && running != null) {
                running.stop(TurnOutcome.cancelled(TurnCancelled.SUPERSEDED));
            }
            requestPermitIfNeeded();
        }).chain(this::closeWindowIfQuiet);
    }

    /**
     * A resent message is normally a no-op. But when an earlier attempt stored the turn and then failed before
     * queueing it (Kafka unavailable), the command is redelivered and the stored turn is queued now.
     */
    private Uni<Void> requeueIfStranded(String clientMessageId, boolean now, Context trace) {
        return services.turns.find(tenantId, chatId, clientMessageId).chain(existing -> {
            boolean stranded = existing.isPresent() && existing.get().status() == TurnStatus.QUEUED
                    && !waiting.contains(existing.get().id())
                    && (running == null || !running.turn().id().equals(existing.get().id()));
            if (stranded) {
                Log.infof("chatId=%s message %s was stored but not queued: queueing it", chatId, clientMessageId);
                services.traces.queued(existing.get(), trace);
                return queue(existing.get(), now);
            }
            Log.infof("chatId=%s message %s was already accepted: ignored", chatId, clientMessageId);
            return Uni.createFrom().voidItem();
        });
    }

    private Uni<Void> cancelQueued(List<Turn> turns, String reason) {
        Uni<Void> work = Uni.createFrom().voidItem();
        for (Turn turn : turns) {
            work = work.chain(() -> endings.withoutRunning(turn, TurnOutcome.cancelled(reason)))
                    .invoke(() -> services.scheduler.settle(tenantId));
        }
        return work;
    }

    private void requestPermitIfNeeded() {
        if (!retiring && running == null && !permitRequested && !waiting.isEmpty()) {
            permitRequested = true;
            services.scheduler.request(this);
        }
    }

    private Uni<Void> finishRetirement() {
        Uni<Void> checkpoint = publishOnRetire ? stream.closeWindow() : Uni.createFrom().voidItem();
        return checkpoint.invoke(() -> retired.complete(null))
                .onFailure().invoke(retired::completeExceptionally);
    }

    // ---- the event stream ------------------------------------------------------------------------------

    /** Publishes an event of the running turn (its deltas and tool events come from TurnRunner). */
    Uni<Envelope> publish(UUID turnId, EventPayload payload) {
        return stream.publish(turnId, payload);
    }

    private Uni<Void> reject(EventType command, String reference, String reason, String message) {
        Log.infof("chatId=%s %s rejected: %s", chatId, command.wireName(), reason);
        return stream.publishInWindow(null, new CommandRejected(command.wireName(), reference, reason, message))
                .chain(this::closeWindowIfQuiet);
    }

    private Uni<Void> closeWindowIfQuiet() {
        // A queued turn will start soon: keeping the window open saves closing and reopening it around that.
        if (running != null || !waiting.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return stream.closeWindow();
    }

    private String closedReason() {
        return state == ChatState.DELETED ? TurnCancelled.CHAT_DELETED : TurnCancelled.CHAT_ARCHIVED;
    }
}
