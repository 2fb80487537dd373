package io.switchboard.events.workspace;

import java.util.List;

/** A file the chat's branch changed that other chats of its project changed too, and those chats. */
public record SharedFile(String path, List<String> otherChatIds) {
}
