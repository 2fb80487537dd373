package io.switchboard.session.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.switchboard.kit.security.CurrentCaller;
import io.switchboard.session.api.ChatSearchHit;
import io.switchboard.session.api.ChatView;
import io.switchboard.session.api.ChatsApi;
import io.switchboard.session.api.ForkChatRequest;
import io.switchboard.session.api.MarkReadRequest;
import io.switchboard.session.api.MessageView;
import io.switchboard.session.api.UpdateChatRequest;
import io.switchboard.session.mapping.ViewMapper;
import io.switchboard.session.service.ChatCopyService;
import io.switchboard.session.service.ChatLifecycleService;
import io.switchboard.session.service.ChatSearchService;
import io.switchboard.session.service.ChatService;
import io.switchboard.session.service.ChatSummary;
import io.switchboard.session.service.HistoryCursor;
import io.switchboard.session.service.MessageHistoryService;

/**
 * A chat and what can be done to it. Every change answers without waiting for Kafka: its event is committed
 * with it and relayed right after.
 */
@Authenticated
public class ChatResource implements ChatsApi {

    private static final int DEFAULT_SEARCH_RESULTS = 20;

    private final ChatService chats;
    private final ChatLifecycleService lifecycle;
    private final ChatCopyService copies;
    private final ChatSearchService search;
    private final MessageHistoryService history;
    private final CurrentCaller caller;

    public ChatResource(ChatService chats, ChatLifecycleService lifecycle, ChatCopyService copies,
            ChatSearchService search, MessageHistoryService history, CurrentCaller caller) {
        this.chats = chats;
        this.lifecycle = lifecycle;
        this.copies = copies;
        this.search = search;
        this.history = history;
        this.caller = caller;
    }

    @Override
    public Uni<ChatView> getChat(UUID chatId) {
        return chats.summary(caller.get(), chatId).map(ViewMapper::toView);
    }

    /**
     * Full-text search over the titles, descriptions and messages of the caller's tenant's chats, or of one
     * project's; each chat once, with the snippet that matched.
     */
    @Override
    public Uni<List<ChatSearchHit>> searchChats(String query,
            String projectId,
            String limit) {
        return search.search(caller.get(), query, QueryParams.uuid(projectId, "projectId"),
                        QueryParams.integer(limit, "limit", DEFAULT_SEARCH_RESULTS))
                .map(list -> list.stream().map(ViewMapper::toView).toList());
    }

    /**
     * The chat's finished messages in conversation order. {@code after} (the {@code cursor} of the last message
     * of the previous page) pages forward; {@code before} (the cursor of the first message of a page) pages
     * back, still in conversation order; without either, the first page. {@code afterSeq} keeps only messages
     * written after that stream seq.
     */
    @Override
    public Uni<List<MessageView>> messages(UUID chatId,
            String after,
            String before,
            long afterSeq,
            int limit) {
        return history.history(caller.get(), chatId, HistoryCursor.parse(after, "after", null),
                        HistoryCursor.parse(before, "before", null), afterSeq, limit)
                .map(list -> list.stream().map(ViewMapper::toView).toList());
    }

    /** Changes title, description, model or pinning; an absent field stays as it is. */
    @Override
    public Uni<ChatView> updateChat(UUID chatId, UpdateChatRequest request) {
        return answered(lifecycle.update(caller.get(), chatId, request));
    }

    @Override
    public Uni<ChatView> archive(UUID chatId) {
        return answered(lifecycle.archive(caller.get(), chatId));
    }

    @Override
    public Uni<ChatView> restore(UUID chatId) {
        return answered(lifecycle.restore(caller.get(), chatId));
    }

    @Override
    public Uni<ChatView> complete(UUID chatId) {
        return answered(lifecycle.complete(caller.get(), chatId));
    }

    @Override
    public Uni<RestResponse<Void>> deleteChat(UUID chatId) {
        return lifecycle.delete(caller.get(), chatId)
                .map(nothing -> RestResponse.noContent());
    }

    @Override
    public Uni<RestResponse<ChatView>> duplicate(UUID chatId) {
        return created(copies.duplicate(caller.get(), chatId));
    }

    @Override
    public Uni<RestResponse<ChatView>> fork(UUID chatId,
            ForkChatRequest request) {
        return created(copies.fork(caller.get(), chatId, request.messageId(), request.title()));
    }

    /** Moves the caller's own read position; answers the chat with the caller's unread count after it. */
    @Override
    public Uni<ChatView> markRead(UUID chatId, MarkReadRequest request) {
        return lifecycle.markRead(caller.get(), chatId, request == null ? null : request.seq())
                .map(ViewMapper::toView);
    }

    private Uni<ChatView> answered(Uni<ChatSummary> change) {
        return change.map(ViewMapper::toView);
    }

    private Uni<RestResponse<ChatView>> created(Uni<ChatSummary> copy) {
        return copy.map(summary -> {
            ChatView view = ViewMapper.toView(summary);
            return RestResponse.ResponseBuilder.<ChatView>created(URI.create("/chats/" + view.id())).entity(view)
                    .build();
        });
    }
}
