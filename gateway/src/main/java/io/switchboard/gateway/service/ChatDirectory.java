package io.switchboard.gateway.service;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.mutiny.Uni;
import io.switchboard.events.Envelope;
import io.switchboard.events.lifecycle.ChatCreated;
import io.switchboard.events.lifecycle.ChatDeleted;
import io.switchboard.events.lifecycle.ChatForked;
import io.switchboard.events.lifecycle.ChatUpdated;
import io.switchboard.gateway.client.SessionLookups;
import io.switchboard.kit.problem.ProblemException;
import io.switchboard.kit.security.Caller;

/**
 * Which tenant and project each chat belongs to, learned from session.lifecycle so that subscribing and sending
 * need no remote call for the chat; a chat the gateway has not seen yet (created before it started) is looked up
 * once in session-service. Whether the caller belongs to the chat's project comes from {@link ProjectRoles}.
 * Another tenant's chat is reported exactly like a missing one.
 */
@ApplicationScoped
public class ChatDirectory {

    /**
     * Chats this gateway knows, at most {@value #MAX_CHATS}: beyond that the least recently used are forgotten and
     * looked up again in session-service when next needed, so memory does not grow with every chat ever made.
     */
    static final int MAX_CHATS = 200_000;

    private final BoundedCache<String, ChatEntry> chats = new BoundedCache<>(MAX_CHATS);
    /** The user who created each chat, for the needs-attention inbox. */
    private final BoundedCache<String, String> owners = new BoundedCache<>(MAX_CHATS);
    private final SessionLookups sessions;
    private final ProjectRoles roles;

    public ChatDirectory(@RestClient SessionLookups sessions, ProjectRoles roles) {
        this.sessions = sessions;
        this.roles = roles;
    }

    /** Learns from a session.lifecycle event. */
    public void apply(Envelope event) {
        roles.apply(event);
        ChatEntry known = chats.get(event.chatId());
        if (event.payload() instanceof ChatCreated created) {
            chats.put(event.chatId(), new ChatEntry(event.chatId(), event.tenantId(), created.projectId(),
                    created.model(), false));
            owners.put(event.chatId(), created.userId());
        } else if (event.payload() instanceof ChatForked forked) {
            chats.put(event.chatId(), new ChatEntry(event.chatId(), event.tenantId(), forked.projectId(),
                    forked.model(), false));
            owners.put(event.chatId(), forked.userId());
        } else if (event.payload() instanceof ChatUpdated updated) {
            chats.put(event.chatId(), new ChatEntry(event.chatId(), event.tenantId(), updated.projectId(),
                    updated.model(), false));
        } else if (event.payload() instanceof ChatDeleted && known != null) {
            chats.put(event.chatId(), new ChatEntry(known.chatId(), known.tenantId(), known.projectId(), known.model(),
                    true));
        }
    }

    public Optional<ChatEntry> known(String chatId) {
        return Optional.ofNullable(chats.get(chatId));
    }

    /** Whether the user is known to have left (or been removed from) the chat's project. */
    public boolean knownOutsider(Caller user, String chatId) {
        ChatEntry entry = chats.get(chatId);
        return entry != null && roles.knownOutsider(user.tenantId(), user.userId(), entry.projectId());
    }

    /** The user who created the chat, when the gateway has learned it. */
    public Optional<String> ownerOf(String chatId) {
        return Optional.ofNullable(owners.get(chatId));
    }

    /**
     * A chat of a project the caller belongs to, or a 404 problem: another tenant's chat, or one of a project the
     * caller is no member of, reads the same as one that does not exist.
     */
    public Uni<ChatEntry> resolve(Caller caller, String bearer, UUID chatId) {
        ChatEntry entry = chats.get(chatId.toString());
        Uni<ChatEntry> found;
        if (entry != null) {
            found = entry.tenantId().equals(caller.tenantId()) && !entry.deleted()
                    ? Uni.createFrom().item(entry)
                    : Uni.createFrom().failure(ProblemException.notFound("Chat", chatId));
        } else {
            found = sessions.getChat(bearer, chatId).map(chat -> {
                ChatEntry learned = new ChatEntry(chatId.toString(), caller.tenantId(), chat.projectId(), chat.model(),
                        false);
                chats.putIfAbsent(learned.chatId(), learned);
                if (chat.ownerId() != null) {
                    owners.putIfAbsent(learned.chatId(), chat.ownerId());
                }
                return learned;
            });
        }
        return found.call(chat -> roles.roleOf(caller, bearer, chat.projectId()));
    }

    /** A chat the caller may send to and command: as {@link #resolve}, and a 403 problem for a project viewer. */
    public Uni<ChatEntry> resolveToSend(Caller caller, String bearer, UUID chatId) {
        return resolve(caller, bearer, chatId)
                .call(chat -> roles.requireEditor(caller, bearer, chat.projectId(), "send to its chats"));
    }
}
