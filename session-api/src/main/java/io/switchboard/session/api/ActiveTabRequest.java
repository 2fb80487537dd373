package io.switchboard.session.api;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The tab to make active (one of the open tabs), or null for none. */
public record ActiveTabRequest(@Schema(description = "An open tab's chat, or null for none") UUID chatId) {
}
