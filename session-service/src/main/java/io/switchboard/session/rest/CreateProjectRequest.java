package io.switchboard.session.rest;

import jakarta.validation.constraints.NotBlank;

import io.switchboard.kit.validation.SafeText;

/** A project's name: up to 200 characters (code points), none that PostgreSQL or a client would refuse. */
public record CreateProjectRequest(@NotBlank @SafeText(max = 200) String name) {
}
