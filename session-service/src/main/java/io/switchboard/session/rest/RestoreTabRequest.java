package io.switchboard.session.rest;

import java.util.UUID;

/** The closed tab to reopen; without one, the most recently closed. */
public record RestoreTabRequest(UUID chatId) {
}
