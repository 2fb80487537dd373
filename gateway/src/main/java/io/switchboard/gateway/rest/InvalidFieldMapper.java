package io.switchboard.gateway.rest;

import java.util.List;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.switchboard.kit.problem.Problem;

/** {@link InvalidField} as the invalid-request problem that body fields get, with the one violation. */
public class InvalidFieldMapper {

    @ServerExceptionMapper
    public Response invalid(InvalidField e, UriInfo uri) {
        Problem problem = new Problem("urn:switchboard:problem:invalid-request", "Invalid request", 400,
                "The request has 1 invalid field(s)", uri.getPath(),
                List.of(new Problem.Violation(e.field(), e.getMessage())));
        return Response.status(400).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
