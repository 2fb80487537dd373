package io.switchboard.session.service;

import io.switchboard.session.model.Chat;

/** A chat a creation request answered with: made by this request ({@code fresh}) or by an earlier one with its key. */
public record CreatedChat(Chat chat, boolean fresh) {
}
