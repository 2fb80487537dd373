package io.switchboard.workspace.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.events.Envelope;
import io.switchboard.events.EventPayload;
import io.switchboard.kit.outbox.Outbox;
import io.switchboard.workspace.repository.Workspace;

/**
 * Writes a chat's event on workspace.events to the outbox, under the seq the caller just claimed on the chat's
 * locked row, in the caller's transaction: the event is published if and only if the change it announces is
 * stored.
 */
@ApplicationScoped
public class WorkspaceEventOutbox {

    private final Outbox outbox;

    public WorkspaceEventOutbox(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> append(Workspace chat, long seq, EventPayload payload) {
        return append(chat, seq, null, payload);
    }

    /** @param turnId the turn that caused the change, when one did */
    public Uni<Void> append(Workspace chat, long seq, UUID turnId, EventPayload payload) {
        Envelope envelope = Envelope.of(chat.chatId().toString(), chat.tenantId(), seq, turnId, payload);
        Log.debugf("chatId=%s %s seq=%d written to the outbox", chat.chatId(), envelope.type(), seq);
        return outbox.append(envelope);
    }
}
