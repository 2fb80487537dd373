package io.switchboard.session.api;

import jakarta.validation.constraints.NotBlank;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.switchboard.events.text.SafeText;

/** A project's name: up to 200 characters (code points), none that PostgreSQL or a client would refuse. */
public record CreateProjectRequest(
        @NotBlank @SafeText(max = 200)
        @Schema(required = true, description = "The project's name, in Unicode code points", maxLength = 200)
        String name) {
}
