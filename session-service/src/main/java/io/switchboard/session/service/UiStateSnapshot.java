package io.switchboard.session.service;

import io.switchboard.session.model.UiState;

/** A user's UI state as stored: the row with the active tab, last view and version, and the tabs. */
public record UiStateSnapshot(UiState state, TabSet tabs) {
}
