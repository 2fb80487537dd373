package io.switchboard.session.api;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The view the user last had in front of them (one of theirs), or null for none. */
public record LastViewRequest(@Schema(description = "One of the caller's views, or null for none") UUID viewId) {
}
