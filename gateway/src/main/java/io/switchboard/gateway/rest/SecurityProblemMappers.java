package io.switchboard.gateway.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.switchboard.kit.problem.Problem;

/** Security refusals inside the REST layer (a resource that needs a caller and has none) as problem bodies. */
public class SecurityProblemMappers {

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        return Response.status(401).type(Problem.MEDIA_TYPE)
                .header(HttpProblems.WWW_AUTHENTICATE, HttpProblems.BEARER_CHALLENGE)
                .entity(HttpProblems.unauthorized(uri.getPath())).build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return Response.status(403).type(Problem.MEDIA_TYPE).entity(HttpProblems.forbidden(uri.getPath())).build();
    }
}
