package io.switchboard.session.api;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The closed tab to reopen; without one, the most recently closed. */
public record RestoreTabRequest(@Schema(description = "Default: the most recently closed tab") UUID chatId) {
}
