package io.switchboard.gateway.service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.gateway.client.SessionLookups;
import io.switchboard.kit.problem.ProblemException;
import io.switchboard.kit.security.Caller;
import io.switchboard.session.api.PaneBody;

/**
 * A view in broadcast mode asks one question of every pane: one SendMessage per pane's chat, with the pane's own
 * model, under one clientMessageId, so that the panes compare models side by side. As with a broadcast to listed
 * chats, every chat must be the caller's before anything is sent.
 */
@ApplicationScoped
public class ViewBroadcast {

    private static final String BROADCAST = "broadcast";

    private final SessionLookups views;
    private final ChatDirectory directory;
    private final ChatCommands commands;

    public ViewBroadcast(@RestClient SessionLookups views, ChatDirectory directory, ChatCommands commands) {
        this.views = views;
        this.directory = directory;
        this.commands = commands;
    }

    public Uni<BroadcastAccepted> send(Caller caller, String bearer, UUID viewId, MessageDraft draft) {
        return views.getView(bearer, viewId).chain(view -> {
            if (!BROADCAST.equals(view.syncMode())) {
                return Uni.createFrom().failure(ProblemException.conflict("View " + viewId
                        + " is in independent mode; set its syncMode to broadcast to send to every pane"));
            }
            List<PaneTarget> panes = targets(view.panes());
            if (panes.isEmpty()) {
                return Uni.createFrom().failure(ProblemException.conflict("View " + viewId + " has no pane"));
            }
            MessageDraft message = draft.withClientMessageIdOrNew();
            List<Uni<ChatEntry>> lookups = panes.stream()
                    .map(pane -> directory.resolveToSend(caller, bearer, pane.chatId())).toList();
            return Uni.join().all(lookups).andFailFast().chain(() -> sendToPanes(caller, bearer, viewId, panes, message));
        });
    }

    private Uni<BroadcastAccepted> sendToPanes(Caller caller, String bearer, UUID viewId, List<PaneTarget> panes,
            MessageDraft message) {
        List<Uni<MessageAccepted>> sends = panes.stream()
                .map(pane -> commands.send(caller, bearer, pane.chatId(), new MessageDraft(message.text(), pane.model(),
                        message.clientMessageId(), message.delivery())).chain(PendingCommand::acknowledged))
                .toList();
        Log.infof("View %s broadcasts message %s to %d pane(s)", viewId, message.clientMessageId(), panes.size());
        return Uni.join().all(sends).andCollectFailures()
                .map(accepted -> new BroadcastAccepted(message.clientMessageId(), accepted))
                .onFailure().transform(failure -> ProblemException.unavailable(
                        "Not every pane's message could be sent; repeat the broadcast with clientMessageId "
                                + message.clientMessageId() + ", which the chats that have it already will ignore"));
    }

    private static List<PaneTarget> targets(List<PaneBody> panes) {
        List<PaneTarget> targets = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        for (PaneBody pane : panes) {
            if (seen.add(pane.chatId())) {
                targets.add(new PaneTarget(pane.chatId(), pane.model()));
            }
        }
        return targets;
    }

    private record PaneTarget(UUID chatId, String model) {
    }
}
