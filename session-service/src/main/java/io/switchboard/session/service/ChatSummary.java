package io.switchboard.session.service;

import io.switchboard.session.model.Chat;

/** A chat with what depends on who asks: how many of its messages that user has not read. */
public record ChatSummary(Chat chat, long unread) {
}
