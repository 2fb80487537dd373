package io.switchboard.gateway.client;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** The role to give a project member: owner, editor or viewer. */
public record MemberRoleRequest(
        @NotNull @Pattern(regexp = "owner|editor|viewer", message = "must be owner, editor or viewer") String role) {
}
