package io.switchboard.workspace.api;

/**
 * Two chats' work side by side: how the other chat's branch differs from this chat's, as the files and patch that
 * would turn this chat's head into the other's. Both chats are of one project.
 */
public record WorkspaceComparison(String chatId, String branch, String head, String otherChatId, String otherBranch,
                                  String otherHead, DiffPart diff) {
}
