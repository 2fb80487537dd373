package io.switchboard.session.service;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.events.Envelope;
import io.switchboard.events.EventPayload;
import io.switchboard.events.chat.QueuedTurnEdited;
import io.switchboard.events.chat.ToolCallFailed;
import io.switchboard.events.chat.ToolCallResult;
import io.switchboard.events.chat.ToolCallStarted;
import io.switchboard.events.chat.TurnCancelled;
import io.switchboard.events.chat.TurnCompleted;
import io.switchboard.events.chat.TurnFailed;
import io.switchboard.events.chat.TurnQueued;
import io.switchboard.events.chat.TurnStarted;
import io.switchboard.events.lifecycle.ChatActivityChanged;
import io.switchboard.kit.problem.ProblemException;
import io.switchboard.kit.security.Caller;
import io.switchboard.kit.tenancy.TenantTransactional;
import io.switchboard.session.config.SessionConfig;
import io.switchboard.session.mapping.ToolCallsJson;
import io.switchboard.session.model.Chat;
import io.switchboard.session.model.Message;
import io.switchboard.session.model.MessageRole;
import io.switchboard.session.model.MessageStatus;
import io.switchboard.session.repository.ChatRepository;
import io.switchboard.session.repository.MessageRepository;
import io.switchboard.session.repository.ToolCallRepository;

/** The persisted conversation of a chat: read by clients, written from chat.events. */
@ApplicationScoped
public class MessageHistoryService {

    /**
     * The payloads a message is made or changed from. chat.events' other types are passed over unread
     * ({@code switchboard.skip-types} of the chat-events channel, checked against this set by a test).
     */
    public static final Set<Class<? extends EventPayload>> HISTORY_PAYLOADS = Set.of(TurnQueued.class,
            TurnStarted.class, QueuedTurnEdited.class, TurnCompleted.class, TurnFailed.class, TurnCancelled.class,
            ToolCallStarted.class, ToolCallResult.class, ToolCallFailed.class);

    private final ChatRepository chats;
    private final ProjectAccess access;
    private final MessageRepository messages;
    private final ToolCallRepository toolCalls;
    private final OutboxWriter outbox;
    private final SessionConfig config;

    public MessageHistoryService(ChatRepository chats, ProjectAccess access, MessageRepository messages,
            ToolCallRepository toolCalls, OutboxWriter outbox, SessionConfig config) {
        this.chats = chats;
        this.outbox = outbox;
        this.toolCalls = toolCalls;
        this.access = access;
        this.messages = messages;
        this.config = config;
    }

    /**
     * A page of the chat's history in conversation order: after the {@code after} cursor, or, with a
     * {@code before} cursor, the newest messages before it. {@code afterSeq} above 0 keeps only messages the
     * chat's own stream wrote after that seq (a copied history has seqs 0 and below: it is never "new").
     */
    @TenantTransactional
    public Uni<List<Message>> history(Caller caller, UUID chatId, HistoryCursor after, HistoryCursor before,
            long afterSeq, int limit) {
        if (limit < 1 || limit > config.historyMaxPage()) {
            return Uni.createFrom().failure(
                    ProblemException.badRequest("limit must be between 1 and " + config.historyMaxPage()));
        }
        if (after != null && before != null) {
            return Uni.createFrom().failure(ProblemException.badRequest("name either after or before, not both"));
        }
        return access.chatToRead(caller, chatId)
                .chain(chat -> before != null
                        ? messages.historyBefore(caller.tenantId(), chatId, before, afterSeq > 0 ? afterSeq
                                : Long.MIN_VALUE, limit)
                        : messages.history(caller.tenantId(), chatId, after == null ? HistoryCursor.START : after,
                                afterSeq > 0 ? afterSeq : Long.MIN_VALUE, limit));
    }

    /**
     * Whether {@link #record} would change anything for the event. Most of chat.events is TextDeltas and tool
     * activity; asking first spares each of them a database transaction that would do nothing.
     */
    public static boolean changesHistory(Envelope event) {
        if (event.turnId() == null) {
            return false;
        }
        return HISTORY_PAYLOADS.contains(event.payload().getClass());
    }

    /**
     * Stores the message an event finishes, if any. Redelivered events find their message already
     * there (one per turn and role) and change nothing.
     */
    @TenantTransactional
    public Uni<Void> record(Envelope event) {
        if (event.turnId() != null && event.payload() instanceof QueuedTurnEdited edited) {
            return messages.updateQuestion(event.tenantId(), UUID.fromString(event.chatId()), event.turnId(), edited.text())
                    .replaceWithVoid();
        }
        if (event.turnId() != null && event.payload() instanceof TurnStarted) {
            // A turn sent with "send now" overtakes turns queued before it: history follows the order turns ran.
            return messages.placeTurn(event.tenantId(), UUID.fromString(event.chatId()), event.turnId(), event.seq())
                    .replaceWithVoid();
        }
        if (event.turnId() != null && isToolCall(event.payload())) {
            return recordToolCall(event);
        }
        Message message = messageFor(event);
        if (message == null) {
            return Uni.createFrom().voidItem();
        }
        return chats.findOwned(event.tenantId(), message.chatId)
                .chain(chat -> {
                    if (chat == null) {
                        Log.warnf("chatId=%s tenant=%s unknown: %s seq=%d not stored", event.chatId(),
                                event.tenantId(), event.type(), event.seq());
                        return Uni.createFrom().voidItem();
                    }
                    return messages.exists(message.chatId, message.turnId, message.role)
                            .chain(exists -> exists ? Uni.createFrom().voidItem() : store(chat, message));
                });
    }

    private static boolean isToolCall(EventPayload payload) {
        return payload instanceof ToolCallStarted || payload instanceof ToolCallResult
                || payload instanceof ToolCallFailed;
    }

    /** Kept until the turn's answer is stored, which then carries the summary of its calls. */
    private Uni<Void> recordToolCall(Envelope event) {
        UUID chatId = UUID.fromString(event.chatId());
        Uni<Integer> written;
        if (event.payload() instanceof ToolCallStarted started) {
            written = toolCalls.started(event.tenantId(), chatId, event.turnId(), started.toolCallId(),
                    started.tool(), event.seq());
        } else if (event.payload() instanceof ToolCallFailed failed) {
            written = toolCalls.ended(event.tenantId(), chatId, event.turnId(), failed.toolCallId(), "failed",
                    failed.reason());
        } else {
            written = toolCalls.ended(event.tenantId(), chatId, event.turnId(),
                    ((ToolCallResult) event.payload()).toolCallId(), "succeeded", null);
        }
        return written.replaceWithVoid();
    }

    private Uni<Void> store(Chat chat, Message message) {
        if (message.role == MessageRole.USER) {
            return storeWithCalls(chat, message);
        }
        // The answer takes its turn's calls along; the rows that collected them are not needed after.
        return toolCalls.ofTurn(message.chatId, message.turnId)
                .invoke(calls -> message.toolCalls = ToolCallsJson.write(calls))
                .chain(() -> storeWithCalls(chat, message))
                .call(() -> toolCalls.forgetTurn(message.chatId, message.turnId));
    }

    private Uni<Void> storeWithCalls(Chat chat, Message message) {
        Uni<Long> turnSeq = message.role == MessageRole.USER
                ? Uni.createFrom().item(message.seq)
                : messages.questionSeq(message.chatId, message.turnId)
                        .map(questionSeq -> questionSeq == null ? message.seq : questionSeq);
        return turnSeq.chain(seq -> {
            message.turnSeq = seq;
            return messages.persist(message)
                    .chain(() -> chats.recordMessage(message.chatId, message.createdAt, openTurnsChange(message, seq)))
                    .call(activity -> announce(chat, activity));
        }).invoke(() -> Log.debugf("chatId=%s stored %s message of turn %s", message.chatId, message.role,
                message.turnId)).replaceWithVoid();
    }

    /** In the message's transaction, so the figures on session.lifecycle never run ahead of the history. */
    private Uni<Void> announce(Chat chat, ChatRepository.ChatActivity activity) {
        if (activity == null) {
            return Uni.createFrom().voidItem();
        }
        ChatActivityChanged change = new ChatActivityChanged(chat.projectId, activity.messageCount(),
                activity.openTurns() > 0, activity.lastActivityAt());
        return outbox.append(Envelope.of(chat.id.toString(), chat.tenantId, activity.lifecycleSeq(), null, change));
    }

    /*
     * A question opens its turn, its answer (complete, failed or cancelled) closes it. An answer whose question
     * was never stored (its TurnQueued set aside) closes nothing: it is then its own turn.
     */
    private static int openTurnsChange(Message message, long turnSeq) {
        if (message.role == MessageRole.USER) {
            return 1;
        }
        return turnSeq == message.seq ? 0 : -1;
    }

    private static Message messageFor(Envelope event) {
        if (event.turnId() == null) {
            return null;
        }
        if (event.payload() instanceof TurnQueued queued) {
            Message message = base(event, MessageRole.USER, MessageStatus.COMPLETE, queued.text());
            message.model = queued.model();
            return message;
        }
        if (event.payload() instanceof TurnCompleted completed) {
            Message message = base(event, MessageRole.ASSISTANT, MessageStatus.COMPLETE, completed.text());
            if (completed.usage() != null) {
                message.inputTokens = completed.usage().inputTokens();
                message.outputTokens = completed.usage().outputTokens();
            }
            return message;
        }
        if (event.payload() instanceof TurnFailed failed) {
            Message message = base(event, MessageRole.ASSISTANT, MessageStatus.FAILED, "");
            message.error = failed.reason() + ": " + failed.message();
            return message;
        }
        if (event.payload() instanceof TurnCancelled cancelled) {
            Message message = base(event, MessageRole.ASSISTANT, MessageStatus.CANCELLED, "");
            message.error = cancelled.reason();
            return message;
        }
        return null;
    }

    private static Message base(Envelope event, MessageRole role, MessageStatus status, String content) {
        Message message = new Message();
        message.id = UUID.randomUUID();
        message.tenantId = event.tenantId();
        message.chatId = UUID.fromString(event.chatId());
        message.turnId = event.turnId();
        message.role = role;
        message.status = status;
        message.content = content;
        message.seq = event.seq();
        message.createdAt = event.at();
        return message;
    }
}
