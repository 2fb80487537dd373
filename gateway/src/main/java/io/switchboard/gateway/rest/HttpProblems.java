package io.switchboard.gateway.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.switchboard.kit.problem.Problem;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Problem bodies for the refusals that happen before a request reaches a resource, where the REST
 * exception mappers never see them: a bearer token that fails verification (401), a body over
 * {@code quarkus.http.limits.max-body-size} (413), and security failures on non-REST routes.
 */
@ApplicationScoped
public class HttpProblems {

    static final String WWW_AUTHENTICATE = "WWW-Authenticate";
    static final String BEARER_CHALLENGE = "Bearer";
    static final String INVALID_TOKEN_CHALLENGE = "Bearer error=\"invalid_token\"";

    private final ObjectMapper mapper;
    private final long maxBodySize;

    public HttpProblems(ObjectMapper mapper,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize maxBodySize) {
        this.mapper = mapper;
        this.maxBodySize = maxBodySize.asLongValue();
    }

    void install(@Observes Router router) {
        // Just ahead of Quarkus' own check, which answers 413 with an empty body.
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::refuseDeclaredOversizedBody);
        router.route().failureHandler(this::problemForFailure);
    }

    private void refuseDeclaredOversizedBody(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && parses(length) && Long.parseLong(length) > maxBodySize) {
            // The unread body stays on the connection, so it must not be reused.
            context.response().putHeader(HttpHeaders.CONNECTION, "close");
            send(context, tooLarge(context));
            return;
        }
        context.next();
    }

    private void problemForFailure(RoutingContext context) {
        HttpServerResponse response = context.response();
        if (response.ended() || response.headWritten()) {
            context.next();
            return;
        }
        Throwable failure = context.failure();
        String path = context.request().path();
        if (failure instanceof AuthenticationFailedException) {
            response.putHeader(WWW_AUTHENTICATE, INVALID_TOKEN_CHALLENGE);
            send(context, unauthorized(path));
        } else if (failure instanceof UnauthorizedException) {
            response.putHeader(WWW_AUTHENTICATE, BEARER_CHALLENGE);
            send(context, unauthorized(path));
        } else if (failure instanceof ForbiddenException) {
            send(context, forbidden(path));
        } else if (context.statusCode() == 413) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
            send(context, tooLarge(context));
        } else {
            context.next();
        }
    }

    static Problem unauthorized(String path) {
        return new Problem("urn:switchboard:problem:unauthorized", "Unauthorized", 401,
                "A valid bearer token is required", path, null);
    }

    static Problem forbidden(String path) {
        return new Problem("urn:switchboard:problem:forbidden", "Forbidden", 403, "The caller may not do this",
                path, null);
    }

    private Problem tooLarge(RoutingContext context) {
        return new Problem("urn:switchboard:problem:payload-too-large", "Payload too large", 413,
                "The request body exceeds " + maxBodySize + " bytes", context.request().path(), null);
    }

    private void send(RoutingContext context, Problem problem) {
        String body;
        try {
            body = mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        context.response().setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(body);
    }

    private static boolean parses(String length) {
        return !length.isEmpty() && length.length() < 19 && length.chars().allMatch(Character::isDigit);
    }
}
