package io.switchboard.session.rest;

import java.util.UUID;

/** The tab to make active (one of the open tabs), or null for none. */
public record ActiveTabRequest(UUID chatId) {
}
