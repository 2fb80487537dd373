package io.switchboard.session.api;

import java.util.UUID;

/** One pane of a view: its index (0 first), chat, model and size in percent. */
public record PaneBody(int index, UUID chatId, String model, int size) {
}
