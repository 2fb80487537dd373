package io.switchboard.chat.service;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import io.opentelemetry.context.Context;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.chat.model.ChatState;
import io.switchboard.chat.model.ChatStream;
import io.switchboard.chat.model.Turn;
import io.switchboard.events.Envelope;
import io.switchboard.events.EventPayload;
import io.switchboard.events.command.CancelTurn;
import io.switchboard.events.command.EditQueuedTurn;
import io.switchboard.events.command.SendMessage;
import io.switchboard.events.command.StopTurn;
import io.switchboard.kit.concurrent.SerialTasks;
import io.switchboard.kit.logging.ChatLogContext;

/**
 * One chat on this instance. What its commands do is {@link LaneCommands}; its queue, running turn and permits are
 * {@link TurnCycle}; taking it over and giving it up is {@link LaneHandover}; its events go out through
 * {@link ChatEventStream}. Everything that changes the chat (commands, a turn starting or ending, the chat being
 * archived) runs as one of its serial tasks, so the chat changes in one order and publishes in that order, while
 * other chats' lanes run side by side. Only a running turn's deltas and tool events are published outside a task;
 * the chat's EventSequence orders them.
 */
public final class ChatLane {

    public static final String INTERRUPTED = "interrupted";
    public static final String INVALID_COMMAND = "invalid_command";
    public static final String COMMAND_FAILED = "command_failed";

    private final String chatId;
    private final String tenantId;
    private final int partition;
    private final ChatLanes owner;
    private final SerialTasks tasks;
    private final ChatEventStream stream;
    private final Retirement retirement;
    private final TurnCycle cycle;
    private final LaneCommands commands;
    private final LaneHandover handover;

    private boolean evicted;
    private volatile long lastActiveNanos = System.nanoTime();

    ChatLane(ChatStream loaded, String tenantId, int partition, LaneServices services, ChatLanes owner) {
        this.chatId = loaded.chatId();
        this.tenantId = tenantId;
        this.partition = partition;
        this.owner = owner;
        // A context of the chat's own on its event loop, so that every line the lane logs names the chat.
        this.tasks = new SerialTasks(ChatLogContext.forChat(services.contexts.forChat(chatId), chatId, tenantId));
        this.stream = new ChatEventStream(chatId, tenantId, loaded.lastSeq(), services.publisher, services.streams,
                tasks.executor());
        TurnEndings endings = new TurnEndings(chatId, tenantId, stream, services);
        this.retirement = new Retirement(stream);
        this.cycle = new TurnCycle(this, tasks, stream, endings, retirement, services, loaded.usage());
        this.commands = new LaneCommands(chatId, tenantId, loaded.state(), services, stream, endings, cycle,
                retirement);
        this.handover = new LaneHandover(chatId, tenantId, services, stream, endings, cycle, retirement);
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
        return task(lane -> lane.send(message, trace), () -> commands.send(message, trace));
    }

    /** Cancels a queued turn, or the running one. */
    public Uni<Void> cancel(CancelTurn command) {
        return task(lane -> lane.cancel(command), () -> commands.cancel(command));
    }

    /**
     * Stops the running turn; the queue stays and its next turn starts. With {@code turnId} (the envelope's) only
     * that turn is stopped: a stop retried or redelivered after its turn ended must not stop the next one.
     */
    public Uni<Void> stop(StopTurn command, UUID turnId) {
        return task(lane -> lane.stop(command, turnId), () -> commands.stop(turnId));
    }

    /** Replaces the text of a turn that has not started yet. */
    public Uni<Void> edit(EditQueuedTurn command) {
        return task(lane -> lane.edit(command), () -> commands.edit(command));
    }

    /** The chat was archived, deleted or restored; closing it cancels its queue and its running turn. */
    public Uni<Void> changeState(ChatState newState) {
        return task(lane -> lane.changeState(newState), () -> commands.changeState(newState));
    }

    /**
     * Tells the chat that a command of its was set aside, unprocessed (see ConsumerFailurePolicy): the client
     * that sent it sees CommandRejected with {@code invalid_command} (retrying cannot help) or
     * {@code command_failed} (it kept failing), instead of waiting for an answer that never comes.
     */
    public Uni<Void> commandSetAside(Envelope command, boolean retriesExhausted) {
        return task(lane -> lane.commandSetAside(command, retriesExhausted),
                () -> commands.commandSetAside(command, retriesExhausted));
    }

    // ---- recovery and hand-over ------------------------------------------------------------------------

    /**
     * Takes over turns left open by an earlier owner: a turn that was running when it stopped ends as
     * {@code interrupted}; queued turns run in their order.
     */
    public Uni<Void> recover(List<Turn> open, RecoveredTail tail) {
        return task(lane -> lane.recover(open, tail), () -> handover.takeOver(open, tail, commands.closedReason()));
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
        tasks.submit(() -> handover.giveUp(publish)).subscribe().with(done -> { }, retirement::failed);
        return retirement.done();
    }

    /**
     * Forgets this lane if the chat has been quiet for {@code idleFor}: nothing running or queued and its
     * stream checkpointed, so loading it again from the database gives the same state. True when evicted.
     */
    Uni<Boolean> evictIfIdle(Duration idleFor) {
        return tasks.submit(() -> {
            boolean idle = !evicted && !retirement.underway() && cycle.idle() && !stream.windowOpen()
                    && System.nanoTime() - lastActiveNanos >= idleFor.toNanos();
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

    // ---- the running turn ------------------------------------------------------------------------------

    /** Called by the scheduler: this lane may start its next turn. */
    void permitGranted() {
        tasks.submit(cycle::startNext).subscribe().with(done -> { },
                failure -> Log.errorf(failure, "chatId=%s turn could not start", chatId));
    }

    /** Publishes an event of the running turn (its deltas and tool events come from TurnRunner). */
    Uni<Envelope> publish(UUID turnId, EventPayload payload) {
        return stream.publish(turnId, payload);
    }
}
