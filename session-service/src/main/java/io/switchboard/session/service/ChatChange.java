package io.switchboard.session.service;

/** A chat after a change, and whether anything changed (and so an event was written to relay). */
public record ChatChange(ChatSummary chat, boolean announced) {
}
