package io.switchboard.gateway.service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.events.Envelope;
import io.switchboard.events.EventPayload;
import io.switchboard.events.command.CancelTurn;
import io.switchboard.events.command.EditQueuedTurn;
import io.switchboard.events.command.SendMessage;
import io.switchboard.events.command.StopTurn;
import io.switchboard.gateway.client.SessionLookups;
import io.switchboard.gateway.config.ApiConfig;
import io.switchboard.gateway.messaging.CommandPublisher;
import io.switchboard.kit.problem.ProblemException;
import io.switchboard.kit.security.Caller;
import io.switchboard.session.api.ChatView;

/**
 * Every command a client can give a chat, whichever door it came through: the REST API and the WebSocket
 * both build the same typed commands ({@link MessageDraft}, {@link TurnEdit}) and hand them here, where they
 * are checked, in one place and by one set of rules, before anything else happens; an invalid one raises a
 * {@link ConstraintViolationException} naming its fields. Then each command is checked against the caller's
 * own chats: another tenant's chat is a 404 problem and nothing is produced. Commands go on chat.commands
 * keyed by chatId; the answer is only "accepted", as chat-service tells what became of each command on
 * chat.events.
 */
@ApplicationScoped
public class ChatCommands {

    private static final String ACTIVE = "active";
    /** The most chats one page of session-service's chat list holds. */
    private static final int SESSION_LIST_MAX_PAGE = 200;

    private final ChatDirectory directory;
    private final ProjectRoles roles;
    private final CommandPublisher publisher;
    private final SessionLookups sessions;
    private final ApiConfig config;
    private final Validator validator;

    public ChatCommands(ChatDirectory directory, ProjectRoles roles, CommandPublisher publisher,
            @RestClient SessionLookups sessions, ApiConfig config, Validator validator) {
        this.directory = directory;
        this.roles = roles;
        this.publisher = publisher;
        this.sessions = sessions;
        this.config = config;
        this.validator = validator;
    }

    /** Sends a message to the chat: {@code SendMessage}. */
    public Uni<PendingCommand<MessageAccepted>> send(Caller caller, String bearer, UUID chatId, MessageDraft draft) {
        MessageDraft message = checked(draft).withClientMessageIdOrNew();
        return directory.resolveToSend(caller, bearer, chatId).map(chat -> sendTo(caller, chat, message));
    }

    /**
     * Stops the chat's running turn; its queue stays and the next turn starts: {@code StopTurn}. With a turnId
     * only that turn is stopped, so a stop repeated after its turn ended never stops the next one.
     */
    public Uni<PendingCommand<CommandAccepted>> stop(Caller caller, String bearer, UUID chatId, UUID turnId) {
        return directory.resolveToSend(caller, bearer, chatId)
                .map(chat -> publish(caller, chat, turnId, new StopTurn(caller.userId())));
    }

    /** Cancels a queued or running turn: {@code CancelTurn}. */
    public Uni<PendingCommand<CommandAccepted>> cancel(Caller caller, String bearer, UUID chatId, UUID turnId) {
        Objects.requireNonNull(turnId, "turnId");
        return directory.resolveToSend(caller, bearer, chatId)
                .map(chat -> publish(caller, chat, turnId, new CancelTurn(turnId, caller.userId())));
    }

    /** Replaces the text of a turn still waiting in the chat's queue: {@code EditQueuedTurn}. */
    public Uni<PendingCommand<CommandAccepted>> editQueued(Caller caller, String bearer, UUID chatId, UUID turnId,
            TurnEdit edit) {
        Objects.requireNonNull(turnId, "turnId");
        String text = checked(edit).text();
        return directory.resolveToSend(caller, bearer, chatId)
                .map(chat -> publish(caller, chat, turnId, new EditQueuedTurn(turnId, caller.userId(), text)));
    }

    /**
     * Sends one message to each of the chats, each answered by its own model. All or nothing as far as
     * the request goes: every chat must be the caller's before anything is sent.
     */
    public Uni<BroadcastAccepted> broadcastToChats(Caller caller, String bearer, List<UUID> chatIds,
            MessageDraft draft) {
        checked(draft);
        checkCount(chatIds.size());
        Set<UUID> distinct = new HashSet<>(chatIds);
        if (distinct.size() != chatIds.size()) {
            throw ProblemException.badRequest("chatIds names a chat more than once");
        }
        List<Uni<ChatEntry>> lookups = chatIds.stream().map(id -> directory.resolveToSend(caller, bearer, id)).toList();
        return Uni.join().all(lookups).andFailFast()
                .chain(chats -> sendToAll(caller, chats, draft));
    }

    /** Sends one message to every active chat of the caller's project. */
    public Uni<BroadcastAccepted> broadcastToProject(Caller caller, String bearer, UUID projectId,
            MessageDraft draft) {
        checked(draft);
        // One more than a broadcast may address: enough to tell a project with too many active chats.
        String limit = String.valueOf(Math.min(config.broadcastMaxChats() + 1, SESSION_LIST_MAX_PAGE));
        return roles.requireEditor(caller, bearer, projectId, "send to its chats")
                .chain(() -> sessions.listChats(bearer, projectId, ACTIVE, null, null, limit)).chain(list -> {
            List<ChatEntry> chats = new ArrayList<>();
            for (ChatView chat : list) {
                if (ACTIVE.equals(chat.status())) {
                    chats.add(new ChatEntry(chat.id().toString(), caller.tenantId(), projectId, chat.model(), false));
                }
            }
            if (chats.isEmpty()) {
                return Uni.createFrom().failure(ProblemException.conflict("Project " + projectId + " has no active chat"));
            }
            checkCount(chats.size());
            return sendToAll(caller, chats, draft);
        });
    }

    /** The command, when it keeps every rule its record declares; otherwise the violations, naming the fields. */
    private <T> T checked(T command) {
        Set<ConstraintViolation<T>> violations = validator.validate(Objects.requireNonNull(command, "command"));
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return command;
    }

    private void checkCount(int count) {
        if (count == 0) {
            throw ProblemException.badRequest("A broadcast needs at least one chat");
        }
        if (count > config.broadcastMaxChats()) {
            throw ProblemException.badRequest("A broadcast may address at most " + config.broadcastMaxChats()
                    + " chats; this one addresses " + count);
        }
    }

    private Uni<BroadcastAccepted> sendToAll(Caller caller, List<ChatEntry> chats, MessageDraft draft) {
        // One key for every chat: idempotency is per chat, so a repeated broadcast is a no-op everywhere.
        MessageDraft message = draft.withClientMessageIdOrNew();
        List<Uni<MessageAccepted>> sends = chats.stream()
                .map(chat -> sendTo(caller, chat, message).acknowledged()).toList();
        return Uni.join().all(sends).andCollectFailures()
                .map(accepted -> new BroadcastAccepted(message.clientMessageId(), accepted))
                .onFailure().transform(failure -> ProblemException.unavailable(
                        "Not every message of the broadcast could be sent; repeat it with clientMessageId "
                                + message.clientMessageId() + ", which the chats that have it already will ignore"));
    }

    private PendingCommand<MessageAccepted> sendTo(Caller caller, ChatEntry chat, MessageDraft message) {
        String model = message.model() == null ? chat.model() : message.model();
        SendMessage command = new SendMessage(message.clientMessageId(), caller.userId(), message.text(), model,
                message.delivery());
        Envelope envelope = Envelope.of(chat.chatId(), caller.tenantId(), 0, null, command);
        Log.infof("chatId=%s message %s sent to %s (%s)", chat.chatId(), message.clientMessageId(), model,
                message.effectiveDelivery());
        return produce(envelope, new MessageAccepted(UUID.fromString(chat.chatId()), message.clientMessageId(), model,
                message.effectiveDelivery()));
    }

    private PendingCommand<CommandAccepted> publish(Caller caller, ChatEntry chat, UUID turnId, EventPayload command) {
        Envelope envelope = Envelope.of(chat.chatId(), caller.tenantId(), 0, turnId, command);
        Log.infof("chatId=%s %s%s by %s", chat.chatId(), envelope.type(), turnId == null ? "" : " of turn " + turnId,
                caller.userId());
        return produce(envelope, new CommandAccepted(UUID.fromString(chat.chatId()), envelope.type(), envelope.id(),
                turnId));
    }

    /** Hands the command to the producer now, in the caller's order; the answer follows Kafka's acknowledgement. */
    private <T> PendingCommand<T> produce(Envelope envelope, T answer) {
        CompletionStage<Void> acknowledgement = publisher.send(envelope).onFailure().transform(failure -> {
            Log.warnf("chatId=%s %s not accepted by Kafka: %s", envelope.chatId(), envelope.type(), failure.getMessage());
            return ProblemException.unavailable("The command could not be queued; try again");
        }).subscribeAsCompletionStage();
        return PendingCommand.of(acknowledgement, answer);
    }
}
