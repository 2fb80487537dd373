package io.switchboard.session.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A user's UI state: the open tabs in order (each a chat), the active one, the recently closed ones (newest
 * first) and the last active view. {@code version} moves on with every change.
 */
public record UiStateBody(long version, List<UUID> openTabs, UUID activeChatId, List<ClosedTab> closedTabs,
        UUID lastViewId, Instant updatedAt) {

    public record ClosedTab(UUID chatId, Instant closedAt) {
    }
}
