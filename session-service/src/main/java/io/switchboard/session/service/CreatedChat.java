package io.switchboard.session.service;

/** A chat a creation request answered with: made by this request ({@code fresh}) or by an earlier one with its key. */
public record CreatedChat(ChatSummary chat, boolean fresh) {
}
