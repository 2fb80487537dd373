package io.switchboard.gateway.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.switchboard.events.text.SafeText;
import io.switchboard.gateway.client.DownstreamReads;
import io.switchboard.gateway.client.SessionChatsClient;
import io.switchboard.gateway.service.ChatCommands;
import io.switchboard.gateway.service.CommandAccepted;
import io.switchboard.gateway.service.MessageAccepted;
import io.switchboard.gateway.service.MessageDraft;
import io.switchboard.gateway.service.PendingCommand;
import io.switchboard.kit.security.CurrentCaller;
import io.switchboard.session.api.ChatSearchHit;
import io.switchboard.session.api.ChatView;
import io.switchboard.session.api.ForkChatRequest;
import io.switchboard.session.api.MarkReadRequest;
import io.switchboard.session.api.MessageView;
import io.switchboard.session.api.UpdateChatRequest;

@Path("/api/chats")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Chats")
public class ChatsResource {

    private final SessionChatsClient chats;
    private final ChatCommands commands;
    private final CurrentCaller caller;

    public ChatsResource(@RestClient SessionChatsClient chats, ChatCommands commands, CurrentCaller caller) {
        this.chats = chats;
        this.commands = commands;
        this.caller = caller;
    }

    @GET
    @Path("/{chatId}")
    @Operation(summary = "One chat", description = "Another tenant's chat answers 404, exactly like a missing one.")
    @APIResponse(responseCode = "200", description = "The chat")
    @APIResponse(ref = "NotFound")
    public Uni<ChatView> get(@PathParam("chatId") UUID chatId) {
        return DownstreamReads.retried(chats.getChat(chatId));
    }

    @GET
    @Path("/search")
    @Operation(summary = "Search chats",
            description = "Full-text search over the titles, descriptions and message text of the caller's chats "
                    + "(PostgreSQL, 'simple' configuration: whole words, any language). q takes web-search syntax: "
                    + "words, \"a phrase\", -excluded, or. Each matching chat once, most recent match first, with a "
                    + "snippet of its newest matching message (messageId names it) or of its title; matched words "
                    + "are marked **like this**.")
    @APIResponse(responseCode = "200", description = "[{chat, snippet, messageId}], at most limit of them")
    @APIResponse(ref = "BadRequest")
    @APIResponse(ref = "NotFound")
    public Uni<List<ChatSearchHit>> search(
            @Parameter(description = "What to search for", required = true)
            @QueryParam("q") @SafeText(max = 200) String query,
            @Parameter(description = "Only this project's chats")
            @QueryParam("projectId") @SafeText(max = 40) String projectId,
            @Parameter(description = "At most this many chats (1-50, default 20)")
            @QueryParam("limit") @SafeText(max = 10) String limit) {
        return DownstreamReads.retried(chats.searchChats(query, projectId, limit));
    }

    @PATCH
    @Path("/{chatId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a chat",
            description = "Body (every field optional) {\"title\", \"description\", \"model\", \"pinned\"}; an "
                    + "absent field keeps its value. Publishes ChatUpdated with the chat's state after the change; "
                    + "a change that changes nothing publishes nothing.")
    @APIResponse(responseCode = "200", description = "The chat after the change")
    @APIResponse(ref = "BadRequest")
    @APIResponse(ref = "NotFound")
    public Uni<ChatView> update(@PathParam("chatId") UUID chatId, @Valid @NotNull UpdateChatRequest body) {
        return chats.updateChat(chatId, body);
    }

    @POST
    @Path("/{chatId}/archive")
    @Operation(summary = "Archive a chat",
            description = "From active or completed. Publishes ChatArchived: chat-service cancels the chat's queued "
                    + "turns and takes no more messages for it. The history stays.")
    @APIResponse(responseCode = "200", description = "The archived chat")
    @APIResponse(ref = "NotFound")
    @APIResponse(ref = "Conflict")
    public Uni<ChatView> archive(@PathParam("chatId") UUID chatId) {
        return chats.archive(chatId);
    }

    @POST
    @Path("/{chatId}/restore")
    @Operation(summary = "Make an archived or completed chat active again",
            description = "Publishes ChatRestored for an archived chat, ChatUpdated (status active) for a completed "
                    + "one. An active chat answers 409.")
    @APIResponse(responseCode = "200", description = "The active chat")
    @APIResponse(ref = "NotFound")
    @APIResponse(ref = "Conflict")
    public Uni<ChatView> restore(@PathParam("chatId") UUID chatId) {
        return chats.restore(chatId);
    }

    @POST
    @Path("/{chatId}/complete")
    @Operation(summary = "Mark an active chat completed",
            description = "The chat stays usable; publishes ChatUpdated with status completed. Restore reopens it. "
                    + "An archived or completed chat answers 409.")
    @APIResponse(responseCode = "200", description = "The completed chat")
    @APIResponse(ref = "NotFound")
    @APIResponse(ref = "Conflict")
    public Uni<ChatView> complete(@PathParam("chatId") UUID chatId) {
        return chats.complete(chatId);
    }

    @DELETE
    @Path("/{chatId}")
    @Operation(summary = "Delete a chat",
            description = "With its messages. Publishes ChatDeleted: chat-service cancels its turns, the workspace "
                    + "service removes its branch. A project's default chat cannot be deleted (409).")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(ref = "NotFound")
    @APIResponse(ref = "Conflict")
    public Uni<RestResponse<Void>> delete(@PathParam("chatId") UUID chatId) {
        return chats.deleteChat(chatId).map(answer -> RestResponse.noContent());
    }

    @POST
    @Path("/{chatId}/duplicate")
    @Operation(summary = "Duplicate a chat",
            description = "A new chat in the same project with the chat's title (plus \" (copy)\"), description, "
                    + "model, pinning and whole history. Publishes ChatCreated for the copy.")
    @APIResponse(responseCode = "201", description = "The copy; Location names it")
    @APIResponse(ref = "NotFound")
    @APIResponse(ref = "Conflict")
    public Uni<RestResponse<ChatView>> duplicate(@PathParam("chatId") UUID chatId) {
        return chats.duplicate(chatId).map(ChatsResource::created);
    }

    @POST
    @Path("/{chatId}/fork")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Fork a chat at a message",
            description = "Body {\"messageId\", \"title\" (optional)}: a new chat with the history up to and "
                    + "including that message's turn. Publishes ChatForked naming the source chat and turn. A message "
                    + "that is not the chat's answers 404.")
    @APIResponse(responseCode = "201", description = "The fork; Location names it")
    @APIResponse(ref = "BadRequest")
    @APIResponse(ref = "NotFound")
    @APIResponse(ref = "Conflict")
    public Uni<RestResponse<ChatView>> fork(@PathParam("chatId") UUID chatId, @Valid @NotNull ForkChatRequest body) {
        return chats.fork(chatId, body).map(ChatsResource::created);
    }

    @POST
    @Path("/{chatId}/read")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Mark a chat read",
            description = "Body (optional) {\"seq\"}: the caller has read every message up to that seq, or every "
                    + "message when absent. Per user; a read position never moves back.")
    @APIResponse(responseCode = "200", description = "The chat with the caller's unread count")
    @APIResponse(ref = "BadRequest")
    @APIResponse(ref = "NotFound")
    public Uni<ChatView> markRead(@PathParam("chatId") UUID chatId, @Valid MarkReadRequest body) {
        return chats.markRead(chatId, body == null ? new MarkReadRequest(null) : body);
    }

    @GET
    @Path("/{chatId}/messages")
    @Operation(summary = "The chat's finished messages",
            description = "In conversation order: each question, then its answer. Pages forward with after, "
                    + "backwards with before (still in conversation order); each message has its turnId, model "
                    + "(questions), token usage (answers) and cursor.")
    @APIResponse(responseCode = "200", description = "Messages with seq > afterSeq, at most limit of them")
    @APIResponse(ref = "BadRequest")
    @APIResponse(ref = "NotFound")
    public Uni<List<MessageView>> history(@PathParam("chatId") UUID chatId,
            @Parameter(description = "The cursor of the last message of the previous page; pages follow the listed "
                    + "order, so a question queued while an answer streamed is never skipped")
            @QueryParam("after") @SafeText(max = 40) String after,
            @Parameter(description = "The cursor of the first message of the page after the one wanted: the "
                    + "newest messages before it; end for the newest messages of the chat")
            @QueryParam("before") @SafeText(max = 40) String before,
            @Parameter(description = "Only messages written after this chat.events seq (0: all)")
            @QueryParam("afterSeq") @DefaultValue("0") long afterSeq,
            @Parameter(description = "At most this many messages (1-1000)")
            @QueryParam("limit") @DefaultValue("500") int limit) {
        return DownstreamReads.retried(chats.messages(chatId, after, before, afterSeq, limit));
    }

    @POST
    @Path("/{chatId}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send a message",
            description = "Answers 202 once the SendMessage command is durably on chat.commands; the answer streams "
                    + "over the WebSocket. delivery=now stops the running turn and runs this message next. "
                    + "Resending the same clientMessageId (or Idempotency-Key) is a no-op.")
    @APIResponse(responseCode = "202", description = "The message is on its way")
    @APIResponse(ref = "NotFound")
    public Uni<RestResponse<MessageAccepted>> send(@PathParam("chatId") UUID chatId,
            @Parameter(description = "Stands in for clientMessageId")
            @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
            @NotNull MessageDraft request) {
        // Checked by ChatCommands, the one place every message is checked, whichever door it came through.
        MessageDraft draft = IdempotencyKeys.apply(idempotencyKey, request);
        return commands.send(caller.get(), caller.bearer(), chatId, draft).chain(PendingCommand::acknowledged)
                .map(RestResponse::accepted);
    }

    private static RestResponse<ChatView> created(RestResponse<ChatView> answer) {
        return RestResponse.ResponseBuilder.<ChatView>created(URI.create("/api/chats/" + answer.getEntity().id()))
                .entity(answer.getEntity()).build();
    }

    @POST
    @Path("/{chatId}/stop")
    @Operation(summary = "Stop the running turn",
            description = "StopTurn: the running turn ends as TurnCancelled(reason=stopped); queued turns stay and "
                    + "the next one starts.")
    @APIResponse(responseCode = "202", description = "The command is on its way")
    @APIResponse(ref = "NotFound")
    public Uni<RestResponse<CommandAccepted>> stop(@PathParam("chatId") UUID chatId,
            @Parameter(description = "Stop only this turn: a stop repeated after it ended stops nothing else")
            @QueryParam("turnId") UUID turnId) {
        return commands.stop(caller.get(), caller.bearer(), chatId, turnId).chain(PendingCommand::acknowledged)
                .map(RestResponse::accepted);
    }
}
