package io.switchboard.gateway.rest;

import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

import io.switchboard.kit.problem.Problem;

/**
 * The OpenAPI document's frame: the bearer scheme every /api call needs, and the problem responses that
 * operations refer to by name ({@link ProblemResponsesFilter} adds the ones every operation shares).
 */
@OpenAPIDefinition(
        info = @Info(title = "Switchboard gateway", version = "1",
                description = "Projects, chats, messages, turn commands, models and workspaces. Every error is an "
                        + "RFC 9457 problem body (application/problem+json). Live events stream over the WebSocket /ws."),
        security = @SecurityRequirement(name = "bearer"),
        components = @Components(
                securitySchemes = @SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP,
                        scheme = "bearer", bearerFormat = "JWT",
                        description = "An OIDC access token (or the launcher's local token: ./switchboard token)"),
                responses = {
                        @APIResponse(name = "BadRequest", responseCode = "400",
                                description = "Invalid input: malformed JSON, or invalid fields listed in violations",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = "Unauthorized", responseCode = "401",
                                description = "No bearer token, or one that is expired, tampered with or from another issuer",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = "Forbidden", responseCode = "403",
                                description = "The token names no tenant or no subject",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = "NotFound", responseCode = "404",
                                description = "No such resource, or another tenant's: the two are indistinguishable",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = "Conflict", responseCode = "409",
                                description = "The request does not fit the resource's state",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = "PayloadTooLarge", responseCode = "413",
                                description = "The body exceeds quarkus.http.limits.max-body-size",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = "UnsupportedMediaType", responseCode = "415",
                                description = "The body is not application/json",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = "Unavailable", responseCode = "503",
                                description = "A backing service or Kafka cannot be reached; try again shortly",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = Problem.class)))
                }))
public class ApiDefinition extends Application {
}
