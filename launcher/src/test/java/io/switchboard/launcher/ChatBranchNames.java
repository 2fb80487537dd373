package io.switchboard.launcher;

/** The branch git-workspace-service cuts for a chat, from its title's slug (given literally) and its short id. */
final class ChatBranchNames {

    private ChatBranchNames() {
    }

    static String of(String titleSlug, String chatId) {
        return "switchboard/" + titleSlug + "-" + chatId.replace("-", "").substring(0, 12);
    }
}
