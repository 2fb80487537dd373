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
import io.switchboard.chat.service.TurnIntake;
import io.switchboard.events.Envelope;
import io.switchboard.events.command.SendMessage;
import io.switchboard.events.kafka.ChatKeyGuard;

/**
 * Takes commands from chat.commands a poll at a time. Within a poll, each chat's commands are handled
 * in their order while different chats are handled side by side, so one chat's intake never waits for
 * another's. The poll is acknowledged once every command in it is durable.
 */
@ApplicationScoped
public class ChatCommandsConsumer {

    private final ChatKeyGuard guard;
    private final TurnIntake intake;

    public ChatCommandsConsumer(ChatKeyGuard guard, TurnIntake intake) {
        this.guard = guard;
        this.intake = intake;
    }

    @Incoming("chat-commands")
    public Uni<Void> consume(ConsumerRecords<String, Envelope> records) {
        Map<String, List<Envelope>> byChat = new LinkedHashMap<>();
        for (ConsumerRecord<String, Envelope> record : records) {
            if (guard.admit(record)) {
                byChat.computeIfAbsent(record.key(), chatId -> new ArrayList<>()).add(record.value());
            }
        }
        if (byChat.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Void>> chats = byChat.values().stream().map(this::inOrder).toList();
        return Uni.join().all(chats).andFailFast().replaceWithVoid();
    }

    private Uni<Void> inOrder(List<Envelope> commands) {
        return Multi.createFrom().iterable(commands)
                .onItem().transformToUniAndConcatenate(this::handle)
                .collect().last()
                .replaceWithVoid();
    }

    private Uni<Void> handle(Envelope command) {
        if (command.payload() instanceof SendMessage message) {
            // With retries exhausted the poll stays unacknowledged: the channel fails, health goes down,
            // and the commands are redelivered after a restart rather than lost.
            return intake.accept(command, message)
                    .onFailure().retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(5)).atMost(20);
        }
        Log.infof("chatId=%s command %s is not handled yet; skipped", command.chatId(), command.type());
        return Uni.createFrom().voidItem();
    }
}
