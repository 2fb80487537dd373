package io.switchboard.chat.messaging;

import java.time.Duration;
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
import io.switchboard.events.Envelope;
import io.switchboard.events.command.CancelTurn;
import io.switchboard.events.command.EditQueuedTurn;
import io.switchboard.events.command.SendMessage;
import io.switchboard.events.command.StopTurn;
import io.switchboard.events.kafka.ChatKeyGuard;

/**
 * Takes commands from chat.commands a poll at a time. Within a poll, each chat's commands are handled
 * in their order while different chats are handled side by side, so one chat's intake never waits for
 * another's. Handling a command only stores and queues it (turns run in their chat's lane, outside the
 * consumer), so a poll is acknowledged within milliseconds however long the turns take.
 */
@ApplicationScoped
public class ChatCommandsConsumer {

    private final ChatKeyGuard guard;
    private final ChatLanes lanes;
    private final PartitionOwnership ownership;

    public ChatCommandsConsumer(ChatKeyGuard guard, ChatLanes lanes, PartitionOwnership ownership) {
        this.guard = guard;
        this.lanes = lanes;
        this.ownership = ownership;
    }

    @Incoming("chat-commands")
    public Uni<Void> consume(ConsumerRecords<String, Envelope> records) {
        Map<String, List<ConsumerRecord<String, Envelope>>> byChat = new LinkedHashMap<>();
        for (ConsumerRecord<String, Envelope> record : records) {
            if (guard.admit(record)) {
                byChat.computeIfAbsent(record.key(), chatId -> new ArrayList<>()).add(record);
            }
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
        Envelope head = first.value();
        return lanes.lane(head.chatId(), head.tenantId(), partition)
                .chain(lane -> Multi.createFrom().iterable(commands)
                        .onItem().transformToUniAndConcatenate(record -> handle(lane, record.value()))
                        .collect().last())
                .replaceWithVoid()
                // With retries exhausted the poll stays unacknowledged: the channel fails, health goes down,
                // and the commands are redelivered after a restart rather than lost.
                .onFailure().retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(5)).atMost(20)
                .eventually(() -> ownership.exit(partition));
    }

    private Uni<Void> handle(ChatLane lane, Envelope command) {
        if (!command.tenantId().equals(lane.tenantId())) {
            Log.warnf("chatId=%s command %s names tenant %s, the chat belongs to %s: ignored", command.chatId(),
                    command.id(), command.tenantId(), lane.tenantId());
            return Uni.createFrom().voidItem();
        }
        if (command.payload() instanceof SendMessage message) {
            return lane.send(message);
        }
        if (command.payload() instanceof CancelTurn cancel) {
            return lane.cancel(cancel);
        }
        if (command.payload() instanceof StopTurn stop) {
            return lane.stop(stop);
        }
        if (command.payload() instanceof EditQueuedTurn edit) {
            return lane.edit(edit);
        }
        Log.warnf("chatId=%s %s is not a chat command: ignored", command.chatId(), command.type());
        return Uni.createFrom().voidItem();
    }
}
