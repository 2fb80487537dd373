package io.switchboard.gateway.client;

import jakarta.validation.constraints.NotBlank;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.switchboard.kit.validation.SafeText;

/**
 * A new project, as session-service takes it. The gateway checks it first, so that a bad name is the
 * client's 400 here rather than a failure of the service behind.
 */
public record CreateProjectRequest(
        @NotBlank @SafeText(max = CreateProjectRequest.MAX_NAME_LENGTH)
        @Schema(required = true, description = "The project's name, in Unicode code points",
                maxLength = CreateProjectRequest.MAX_NAME_LENGTH)
        String name) {

    public static final int MAX_NAME_LENGTH = 200;
}
