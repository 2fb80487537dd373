package io.switchboard.session.rest;

import java.util.UUID;

/** The view the user last had in front of them (one of theirs), or null for none. */
public record LastViewRequest(UUID viewId) {
}
