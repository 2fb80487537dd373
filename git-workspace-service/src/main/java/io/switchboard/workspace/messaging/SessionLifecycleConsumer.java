package io.switchboard.workspace.messaging;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.events.Envelope;
import io.switchboard.events.EventPayload;
import io.switchboard.events.lifecycle.ChatArchived;
import io.switchboard.events.lifecycle.ChatCreated;
import io.switchboard.events.lifecycle.ChatDeleted;
import io.switchboard.events.lifecycle.ChatForked;
import io.switchboard.kit.consumer.ConsumerFailurePolicy;
import io.switchboard.kit.consumer.GivenUp;
import io.switchboard.workspace.service.WorkspaceLifecycle;

/**
 * Reads session.lifecycle. Records are handled one at a time in partition order, so the events of
 * one chat are applied in the order session-service published them. Every record goes through the
 * {@link ConsumerFailurePolicy}: one that cannot be read, routed or applied is dead-lettered to
 * session.lifecycle.dlq and the partition moves on to the other chats and tenants that share it.
 */
@ApplicationScoped
public class SessionLifecycleConsumer {

    /**
     * The payloads {@link #apply} does something with: the channel's {@code switchboard.skip-types} must name
     * none of them (a test checks it), since those records are passed over unread.
     */
    static final Map<Class<? extends EventPayload>, BiFunction<WorkspaceLifecycle, Envelope, Uni<Void>>> HANDLERS =
            Map.of(ChatCreated.class, (lifecycle, e) -> lifecycle.chatCreated(e, (ChatCreated) e.payload()),
                    ChatForked.class, (lifecycle, e) -> lifecycle.chatForked(e, (ChatForked) e.payload()),
                    ChatDeleted.class, (lifecycle, e) -> lifecycle.chatDeleted(e, (ChatDeleted) e.payload()),
                    ChatArchived.class, (lifecycle, e) -> lifecycle.chatArchived(e));
    static final Set<Class<? extends EventPayload>> HANDLED = HANDLERS.keySet();

    private final ConsumerFailurePolicy policy;
    private final WorkspaceLifecycle lifecycle;

    public SessionLifecycleConsumer(ConsumerFailurePolicy policy, WorkspaceLifecycle lifecycle) {
        this.policy = policy;
        this.lifecycle = lifecycle;
    }

    @Incoming("session-lifecycle")
    public Uni<Void> consume(ConsumerRecord<String, Envelope> record) {
        return policy.process(record, this::apply, this::tellChat);
    }

    private Uni<Void> apply(Envelope event) {
        Log.debugf("chatId=%s %s seq %d received", event.chatId(), event.type(), event.seq());
        BiFunction<WorkspaceLifecycle, Envelope, Uni<Void>> handler = HANDLERS.get(event.payload().getClass());
        // Renames and restoring leave the workspace as it is: a restored chat's directory comes back on first use.
        return handler == null ? Uni.createFrom().voidItem() : handler.apply(lifecycle, event);
    }

    /*
     * A chat whose creation or fork was given up would wait for its workspace for ever: it hears WorkspaceFailed,
     * as for any other reason its workspace could not be prepared. A deletion given up leaves the branch behind,
     * which costs nothing and which nobody waits for: the log says so, the dead-letter copy allows a replay.
     */
    private Uni<Void> tellChat(GivenUp givenUp) {
        Envelope event = givenUp.event();
        UUID projectId;
        if (event.payload() instanceof ChatCreated created) {
            projectId = created.projectId();
        } else if (event.payload() instanceof ChatForked forked) {
            projectId = forked.projectId();
        } else {
            Log.errorf("chatId=%s %s seq %d set aside (%s); the record is on the dead-letter topic", event.chatId(),
                    event.type(), event.seq(), givenUp.reason());
            return Uni.createFrom().voidItem();
        }
        return lifecycle.givenUp(event, projectId, givenUp.message());
    }
}
