package io.switchboard.session.api;

import java.time.Instant;

/** A project member: their user id (the token subject), role, and who added them when. */
public record MemberView(String userId, String role, String addedBy, Instant addedAt) {
}
