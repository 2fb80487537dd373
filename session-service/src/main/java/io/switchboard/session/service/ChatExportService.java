package io.switchboard.session.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.kit.problem.ProblemException;
import io.switchboard.kit.security.Caller;
import io.switchboard.kit.tenancy.TenantTransactional;
import io.switchboard.session.config.TransferConfig;
import io.switchboard.session.mapping.ToolCallsJson;
import io.switchboard.session.model.Chat;
import io.switchboard.session.model.Message;
import io.switchboard.session.repository.MessageRepository;
import io.switchboard.session.rest.ChatFile;
import io.switchboard.session.rest.ChatFileChat;
import io.switchboard.session.rest.ChatFileMessage;
import io.switchboard.session.rest.ChatFileToolCall;

/**
 * A chat written as a chat file (format {@value ChatFile#FORMAT}, version {@value ChatFile#VERSION}). The history
 * is read page by page; a chat whose file would exceed the import bounds ({@link TransferConfig}) is refused
 * before it is read, so every exported file can be imported again and no export holds more than those bounds.
 */
@ApplicationScoped
public class ChatExportService {

    static final String TOO_LARGE = "urn:switchboard:problem:too-large-to-export";

    private final ChatService chatService;
    private final MessageRepository messages;
    private final ObjectMapper mapper;
    private final TransferConfig config;

    public ChatExportService(ChatService chatService, MessageRepository messages, ObjectMapper mapper,
            TransferConfig config) {
        this.chatService = chatService;
        this.messages = messages;
        this.mapper = mapper;
        this.config = config;
    }

    /** The chat file as JSON bytes. */
    @TenantTransactional
    public Uni<byte[]> export(Caller caller, UUID chatId) {
        return chatService.get(caller, chatId)
                .call(chat -> messages.size(caller.tenantId(), chat.id).invoke(size -> ensureFits(chat, size)))
                .chain(chat -> read(caller, chat, HistoryCursor.START, new ArrayList<>(), new TurnNumbers())
                        .map(history -> write(chat, history)));
    }

    private void ensureFits(Chat chat, HistorySize size) {
        if (size.messages() > config.maxMessages()) {
            throw tooLarge(chat, size.messages() + " messages; a chat file holds at most " + config.maxMessages());
        }
        if (size.textBytes() > config.maxBytes().asLongValue()) {
            throw tooLarge(chat, size.textBytes() + " bytes of text; a chat file holds at most "
                    + config.maxBytes().asLongValue() + " bytes");
        }
    }

    private Uni<List<ChatFileMessage>> read(Caller caller, Chat chat, HistoryCursor after,
            List<ChatFileMessage> into, TurnNumbers turns) {
        int pageSize = config.exportPageSize();
        return messages.history(caller.tenantId(), chat.id, after, Long.MIN_VALUE, pageSize).chain(page -> {
            page.forEach(message -> into.add(toFile(message, turns.of(message))));
            if (page.size() < pageSize) {
                return Uni.createFrom().item(into);
            }
            Message last = page.get(page.size() - 1);
            return read(caller, chat, new HistoryCursor(last.turnSeq, last.seq), into, turns);
        });
    }

    private byte[] write(Chat chat, List<ChatFileMessage> history) {
        ChatFile file = new ChatFile(ChatFile.FORMAT, ChatFile.VERSION, Instant.now(),
                new ChatFileChat(chat.title, chat.description, chat.model, chat.status.wireName(), chat.pinned,
                        chat.createdAt, chat.lastActivityAt),
                history);
        byte[] json;
        try {
            json = mapper.writeValueAsBytes(file);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A chat file could not be written", e);
        }
        // The texts fitted; with JSON's escapes and the messages' other fields the file may still not.
        if (json.length > config.maxBytes().asLongValue()) {
            throw tooLarge(chat, json.length + " bytes as a file; a chat file holds at most "
                    + config.maxBytes().asLongValue() + " bytes");
        }
        Log.infof("chatId=%s exported: %d messages, %d bytes", chat.id, history.size(), json.length);
        return json;
    }

    private static ChatFileMessage toFile(Message message, long turn) {
        List<ChatFileToolCall> calls = ToolCallsJson.read(message.toolCalls).stream()
                .map(call -> new ChatFileToolCall(call.tool(), call.status(), call.error()))
                .toList();
        return new ChatFileMessage(turn, lower(message.role), lower(message.status), message.content,
                message.model, message.error, message.inputTokens, message.outputTokens,
                calls.isEmpty() ? null : calls, message.createdAt);
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static ProblemException tooLarge(Chat chat, String what) {
        Log.infof("chatId=%s not exported: %s", chat.id, what);
        return new ProblemException(409, TOO_LARGE, "Too large to export", "Chat " + chat.id + " has " + what);
    }

    /** Numbers the history's turns from 1 as the file writes them: a new number wherever the turn id changes. */
    private static final class TurnNumbers {

        private UUID current;
        private long number;

        long of(Message message) {
            if (!message.turnId.equals(current)) {
                current = message.turnId;
                number++;
            }
            return number;
        }
    }
}
