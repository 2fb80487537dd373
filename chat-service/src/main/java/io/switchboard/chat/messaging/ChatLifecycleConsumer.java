package io.switchboard.chat.messaging;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.switchboard.chat.model.ChatState;
import io.switchboard.chat.repository.ChatOriginRepository;
import io.switchboard.chat.repository.ChatStreamRepository;
import io.switchboard.chat.service.ChatLanes;
import io.switchboard.events.ChatIds;
import io.switchboard.events.Envelope;
import io.switchboard.events.EventPayload;
import io.switchboard.events.lifecycle.ChatArchived;
import io.switchboard.events.lifecycle.ChatCreated;
import io.switchboard.events.lifecycle.ChatDeleted;
import io.switchboard.events.lifecycle.ChatForked;
import io.switchboard.events.lifecycle.ChatRestored;
import io.switchboard.kit.consumer.ConsumerFailurePolicy;

/**
 * Follows chats being archived, restored and deleted. Every instance reads the whole of session.lifecycle
 * (its own consumer group), stores the state (idempotently, by lifecycle seq) and closes the chat's lane if
 * it runs that chat; an instance that takes the chat over later finds the state stored.
 */
@ApplicationScoped
public class ChatLifecycleConsumer {

    private final ConsumerFailurePolicy policy;
    private final ChatStreamRepository streams;
    private final ChatLanes lanes;
    private final ChatOriginRepository origins;

    public ChatLifecycleConsumer(ConsumerFailurePolicy policy, ChatStreamRepository streams, ChatLanes lanes,
            ChatOriginRepository origins) {
        this.origins = origins;
        this.policy = policy;
        this.streams = streams;
        this.lanes = lanes;
    }

    @Incoming("chat-lifecycle")
    public Uni<Void> consume(ConsumerRecords<String, Envelope> records) {
        // The lifecycle event itself is what the chat sees; one set aside is dead-lettered and logged.
        return Multi.createFrom().iterable(records)
                .onItem().transformToUniAndConcatenate(record -> policy.process(record, event -> apply(record),
                        givenUp -> Uni.createFrom().voidItem()))
                .collect().last()
                .replaceWithVoid();
    }

    private Uni<Void> apply(ConsumerRecord<String, Envelope> record) {
        Envelope event = record.value();
        if (event.payload() instanceof ChatForked forked) {
            return recordOrigin(event, forked.sourceChatId(), forked.sourceTurnId());
        }
        if (event.payload() instanceof ChatCreated created) {
            return recordOrigin(event, created.sourceChatId(), created.sourceTurnId());
        }
        ChatState state = STATES.get(event.payload().getClass());
        if (state == null) {
            return Uni.createFrom().voidItem();
        }
        return streams.applyLifecycle(event.tenantId(), event.chatId(), record.partition(), state, event.seq())
                .chain(changed -> {
                    if (!changed) {
                        return Uni.createFrom().voidItem();
                    }
                    Log.infof("chatId=%s is now %s", event.chatId(), state);
                    return lanes.loadedOrLoading(event.chatId())
                            .map(lane -> lane.chain(loaded -> loaded.changeState(state)))
                            .orElse(Uni.createFrom().voidItem());
                });
    }

    /**
     * A copy (fork, duplicate) continues its source's conversation: its model is to see the source's turns up to
     * the one copied. The source is only a name here; the context reads the source's turns only when they are the
     * copy's own tenant's (TurnRepository#answeredUpTo).
     */
    private Uni<Void> recordOrigin(Envelope event, String sourceChatId, UUID sourceTurnId) {
        if (sourceChatId == null || sourceTurnId == null) {
            return Uni.createFrom().voidItem();
        }
        if (!ChatIds.isValid(sourceChatId)) {
            Log.warnf("chatId=%s names a source chat that is no chat id; its model starts without that history",
                    event.chatId());
            return Uni.createFrom().voidItem();
        }
        Log.infof("chatId=%s continues chatId=%s up to turn %s", event.chatId(), sourceChatId, sourceTurnId);
        return origins.record(event.tenantId(), event.chatId(), sourceChatId, sourceTurnId);
    }

    private static final Map<Class<? extends EventPayload>, ChatState> STATES = Map.of(
            ChatArchived.class, ChatState.ARCHIVED,
            ChatRestored.class, ChatState.ACTIVE,
            ChatDeleted.class, ChatState.DELETED);

    /**
     * The payloads {@link #apply} does something with: the copies' origins and the states. The channel's
     * {@code switchboard.skip-types} must name none of them (a test checks it), since those records are passed
     * over unread.
     */
    static final Set<Class<? extends EventPayload>> HANDLED = Stream.concat(
            Stream.of(ChatForked.class, ChatCreated.class), STATES.keySet().stream())
            .collect(Collectors.toUnmodifiableSet());
}
