package io.switchboard.chat.messaging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.switchboard.chat.service.ChatLane;
import io.switchboard.chat.service.ChatLanes;
import io.switchboard.chat.service.PartitionOwnership;
import io.switchboard.chat.tracing.TurnTraces;
import io.switchboard.events.Envelope;
import io.switchboard.events.command.CancelTurn;
import io.switchboard.events.command.EditQueuedTurn;
import io.switchboard.events.command.SendMessage;
import io.switchboard.events.command.StopTurn;
import io.switchboard.kit.consumer.ConsumerFailurePolicy;
import io.switchboard.kit.consumer.GivenUp;

/**
 * Takes commands from chat.commands a poll at a time. Within a poll, each chat's commands are handled
 * in their order while different chats are handled side by side, so one chat's intake never waits for
 * another's. Handling a command only stores and queues it (turns run in their chat's lane, outside the
 * consumer), so a poll is acknowledged within milliseconds however long the turns take.
 * <p>
 * Every record goes through the {@link ConsumerFailurePolicy}: one that cannot be read or routed is
 * dead-lettered, one whose handling fails for good ends with CommandRejected on its chat and is dead-lettered,
 * and the chat's next command is handled. No command can stop the partition, let alone another tenant.
 */
@ApplicationScoped
public class ChatCommandsConsumer {

    private final ConsumerFailurePolicy policy;
    private final ChatLanes lanes;
    private final PartitionOwnership ownership;
    private final TurnTraces traces;

    public ChatCommandsConsumer(ConsumerFailurePolicy policy, ChatLanes lanes, PartitionOwnership ownership,
            TurnTraces traces) {
        this.policy = policy;
        this.lanes = lanes;
        this.ownership = ownership;
        this.traces = traces;
    }

    @Incoming("chat-commands")
    public Uni<Void> consume(ConsumerRecords<String, Envelope> records) {
        return Multi.createFrom().iterable(records)
                .onItem().transformToUniAndConcatenate(record -> policy.admit(record)
                        .map(admitted -> admitted ? record : null))
                .collect().asList()
                .chain(this::handleByChat);
    }

    private Uni<Void> handleByChat(List<ConsumerRecord<String, Envelope>> admitted) {
        Map<String, List<ConsumerRecord<String, Envelope>>> byChat = new LinkedHashMap<>();
        for (ConsumerRecord<String, Envelope> record : admitted) {
            byChat.computeIfAbsent(record.key(), chatId -> new ArrayList<>()).add(record);
        }
        if (byChat.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Void>> chats = byChat.values().stream().map(this::inOrder).toList();
        return Uni.join().all(chats).andFailFast().replaceWithVoid();
    }

    private Uni<Void> inOrder(List<ConsumerRecord<String, Envelope>> commands) {
        ConsumerRecord<String, Envelope> first = commands.get(0);
        int partition = first.partition();
        if (!ownership.enter(partition)) {
            if (ownership.shuttingDown()) {
                // The consumer keeps its partitions until it closes, and commits what was acknowledged: this poll
                // is left unfinished, so its offsets stay uncommitted and the next owner reads the commands again.
                Log.infof("chatId=%s %d commands left for the next owner: this instance is stopping", first.key(),
                        commands.size());
                return Uni.createFrom().nothing();
            }
            // The partition was handed over while this poll waited; its new owner gets these commands again.
            Log.infof("chatId=%s %d commands skipped: partition %d is no longer ours", first.key(), commands.size(),
                    partition);
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(commands)
                .onItem().transformToUniAndConcatenate(record -> policy.handle(record,
                        () -> laneOf(record).chain(lane -> handle(lane, record)),
                        givenUp -> setAside(record, givenUp)))
                .collect().last()
                .replaceWithVoid()
                .eventually(() -> ownership.exit(partition));
    }

    private Uni<ChatLane> laneOf(ConsumerRecord<String, Envelope> record) {
        return lanes.lane(record.key(), record.value().tenantId(), record.partition());
    }

    private Uni<Void> setAside(ConsumerRecord<String, Envelope> record, GivenUp givenUp) {
        return laneOf(record).chain(lane -> tenantMatches(lane, record.value())
                ? lane.commandSetAside(record.value(), givenUp.retriesExhausted())
                : Uni.createFrom().voidItem());
    }

    private Uni<Void> handle(ChatLane lane, ConsumerRecord<String, Envelope> record) {
        Envelope command = record.value();
        if (!tenantMatches(lane, command)) {
            Log.warnf("chatId=%s command %s names tenant %s, the chat belongs to %s: ignored", command.chatId(),
                    command.id(), command.tenantId(), lane.tenantId());
            return Uni.createFrom().voidItem();
        }
        if (command.payload() instanceof SendMessage message) {
            return lane.send(message, traces.parentOf(record.headers()));
        }
        if (command.payload() instanceof CancelTurn cancel) {
            return lane.cancel(cancel);
        }
        if (command.payload() instanceof StopTurn stop) {
            return lane.stop(stop, command.turnId());
        }
        if (command.payload() instanceof EditQueuedTurn edit) {
            return lane.edit(edit);
        }
        Log.warnf("chatId=%s %s is not a chat command: ignored", command.chatId(), command.type());
        return Uni.createFrom().voidItem();
    }

    private static boolean tenantMatches(ChatLane lane, Envelope command) {
        return command.tenantId().equals(lane.tenantId());
    }
}
