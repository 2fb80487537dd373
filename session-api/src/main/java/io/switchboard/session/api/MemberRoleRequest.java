package io.switchboard.session.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** The role to give a project member. */
public record MemberRoleRequest(
        @NotNull @Pattern(regexp = "owner|editor|viewer", message = "must be owner, editor or viewer") String role) {
}
