package io.switchboard.session.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.kit.security.Caller;
import io.switchboard.kit.tenancy.TenantTransactional;
import io.switchboard.session.api.ToolCallSummary;
import io.switchboard.session.mapping.ToolCallsJson;
import io.switchboard.session.model.Chat;
import io.switchboard.session.model.Message;
import io.switchboard.session.model.MessageRole;
import io.switchboard.session.model.MessageStatus;
import io.switchboard.session.repository.ChatRepository;
import io.switchboard.session.repository.MessageRepository;
import io.switchboard.session.rest.ChatFile;
import io.switchboard.session.rest.ChatFileChat;
import io.switchboard.session.rest.ChatFileMessage;

/**
 * A chat file ({@link ChatFileReader} has read it whole) made a new chat in one of the caller's projects: new chat,
 * turn and message ids, the same texts in the same order, announced as ChatCreated. The chat, its history and its
 * event are one transaction: a refusal at any point leaves nothing.
 */
@ApplicationScoped
public class ChatImportService {

    private static final int INSERT_BATCH = 500;

    private final ProjectAccess access;
    private final AuditTrail audit;
    private final ChatRepository chats;
    private final MessageRepository messages;
    private final ChatService chatService;
    private final NewChats newChats;

    public ChatImportService(ProjectAccess access, AuditTrail audit, ChatRepository chats,
            MessageRepository messages, ChatService chatService, NewChats newChats) {
        this.access = access;
        this.audit = audit;
        this.chats = chats;
        this.messages = messages;
        this.chatService = chatService;
        this.newChats = newChats;
    }

    @TenantTransactional
    public Uni<ChatSummary> importChat(Caller caller, UUID projectId, ChatFile file) {
        return access.projectToEdit(caller, projectId)
                .call(project -> chatService.ensureRoomForAChat(caller))
                .chain(project -> {
                    // A new chat, so active whatever the file says; pinned is the user's own marking and comes along.
                    ChatFileChat source = file.chat();
                    Chat chat = newChats.blank(caller, projectId, source.title(), source.model());
                    chat.description = source.description() == null ? "" : source.description();
                    chat.pinned = Boolean.TRUE.equals(source.pinned());
                    List<Message> history = history(caller, chat, file.messages());
                    return newChats.create(chat)
                            // The chat's row before its messages, and all of them before the read position.
                            .chain(() -> persist(history))
                            .chain(() -> newChats.historyAdded(caller, chat, history.size()))
                            .call(() -> audit.chat(caller, "chat.imported", projectId, chat.id))
                            .invoke(() -> Log.infof("chatId=%s imported into project %s by %s with %d messages",
                                    chat.id, projectId, caller.userId(), history.size()))
                            .chain(() -> chatService.summarize(caller, chat));
                });
    }

    /**
     * Writes the chat and its history now, the messages in batches: one statement each made an import of 10,000
     * messages take half a minute.
     */
    private Uni<Void> persist(List<Message> history) {
        return messages.getSession().chain(session -> {
            Integer before = session.getBatchSize();
            session.setBatchSize(INSERT_BATCH);
            return session.persistAll(history.toArray())
                    .call(session::flush)
                    .eventually(() -> {
                        // None set means none: 1 is how to say so (null is refused).
                        session.setBatchSize(before == null ? 1 : before);
                    });
        });
    }

    /**
     * The file's messages as the chat's history, in the file's order. Like a copied history it ends at seq 0, so
     * the chat's own chat.events stream (from seq 1) is listed after it; each message is placed at its turn's
     * first seq, as the history orders turns.
     */
    private static List<Message> history(Caller caller, Chat chat, List<ChatFileMessage> file) {
        List<Message> history = new ArrayList<>(file.size());
        long first = 1L - file.size();
        Long turn = null;
        UUID turnId = null;
        long turnSeq = 0;
        for (int i = 0; i < file.size(); i++) {
            ChatFileMessage source = file.get(i);
            Message message = new Message();
            message.id = UUID.randomUUID();
            message.tenantId = caller.tenantId();
            message.chatId = chat.id;
            message.seq = first + i;
            if (!source.turn().equals(turn)) {
                turn = source.turn();
                turnId = UUID.randomUUID();
                turnSeq = message.seq;
            }
            message.turnId = turnId;
            message.turnSeq = turnSeq;
            message.role = MessageRole.valueOf(source.role().toUpperCase(Locale.ROOT));
            message.status = MessageStatus.valueOf(source.status().toUpperCase(Locale.ROOT));
            message.content = source.content();
            message.model = source.model();
            message.error = source.error();
            message.inputTokens = source.inputTokens();
            message.outputTokens = source.outputTokens();
            message.toolCalls = source.toolCalls() == null ? null : ToolCallsJson.write(source.toolCalls().stream()
                    .map(call -> new ToolCallSummary(call.tool(), call.status(), call.error()))
                    .toList());
            message.createdAt = source.createdAt();
            history.add(message);
        }
        return history;
    }
}
