package io.switchboard.session.service;

import java.util.UUID;

/** A pane as the view's rules see it: its chat, its model, its share of the view in percent. */
public record PaneSpec(UUID chatId, String model, int size) {

    PaneSpec withSize(int newSize) {
        return new PaneSpec(chatId, model, newSize);
    }
}
