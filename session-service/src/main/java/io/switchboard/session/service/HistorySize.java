package io.switchboard.session.service;

/** How much a chat's history holds: its messages, and the UTF-8 bytes of their contents and errors. */
public record HistorySize(long messages, long textBytes) {
}
