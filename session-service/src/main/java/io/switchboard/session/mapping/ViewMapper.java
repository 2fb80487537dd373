package io.switchboard.session.mapping;

import java.util.Locale;

import io.switchboard.session.api.AuditEntryView;
import io.switchboard.session.api.ChatSearchHit;
import io.switchboard.session.api.ChatView;
import io.switchboard.session.api.MemberView;
import io.switchboard.session.api.MessageView;
import io.switchboard.session.api.ProjectView;
import io.switchboard.session.model.AuditEntry;
import io.switchboard.session.model.Chat;
import io.switchboard.session.model.Message;
import io.switchboard.session.model.Project;
import io.switchboard.session.model.ProjectMember;
import io.switchboard.session.service.ChatListCursor;
import io.switchboard.session.service.ChatSearchResult;
import io.switchboard.session.service.ChatSummary;
import io.switchboard.session.service.HistoryCursor;
import io.switchboard.session.service.MemberProject;

/** Entities to the views the API returns; entities never leave the service. */
public final class ViewMapper {

    private ViewMapper() {
    }

    public static ProjectView toView(MemberProject seen) {
        Project project = seen.project();
        return new ProjectView(project.id, project.name, project.ownerId, seen.role().wireName(), project.createdAt);
    }

    public static MemberView toView(ProjectMember member) {
        return new MemberView(member.userId, member.role.wireName(), member.addedBy, member.addedAt);
    }

    public static AuditEntryView toView(AuditEntry entry) {
        return new AuditEntryView(entry.id, entry.actorId, entry.action, entry.projectId, entry.chatId,
                entry.targetId, entry.at);
    }

    public static ChatView toView(ChatSummary summary) {
        Chat chat = summary.chat();
        return new ChatView(chat.id, chat.projectId, chat.title, chat.description, chat.model, chat.status.wireName(),
                chat.ownerId, chat.pinned, chat.isDefault, chat.busy(), chat.messageCount, summary.unread(),
                chat.createdAt, chat.updatedAt, chat.lastActivityAt, chat.lifecycleSeq,
                new ChatListCursor(chat.lastActivityAt, chat.id).toString());
    }

    public static ChatSearchHit toView(ChatSearchResult result) {
        return new ChatSearchHit(toView(result.chat()), result.snippet(), result.messageId());
    }


    public static MessageView toView(Message message) {
        return new MessageView(message.id, message.turnId, lower(message.role.name()), lower(message.status.name()),
                message.content, message.model, message.error, message.inputTokens, message.outputTokens,
                ToolCallsJson.read(message.toolCalls), message.seq, new HistoryCursor(message.turnSeq, message.seq).toString(), message.createdAt);
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
