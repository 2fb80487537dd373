package io.switchboard.session.rest;

import java.util.UUID;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Opens a chat's tab at {@code position} (default: last; an open tab moves there) and makes it the active tab
 * unless {@code activate} is false.
 */
public record OpenTabRequest(@NotNull UUID chatId, @Min(0) Integer position, Boolean activate) {
}
