package io.switchboard.session.rest;

import java.util.List;
import java.util.stream.Collectors;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.switchboard.kit.problem.Problem;

/**
 * Well-formed JSON whose values do not fit the fields ({@code "seq": "one"}, a chatId that is no UUID, a text
 * among a view's sizes). Quarkus answers these with its own body, not a problem, unless mapped here; the problem
 * names the field.
 */
public class JsonMismatchMapper {

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        String field = e.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName()
                        : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        List<Problem.Violation> violations = field.isEmpty() ? null
                : List.of(new Problem.Violation(field, "has the wrong type"));
        Problem problem = new Problem("urn:switchboard:problem:invalid-request", "Invalid request", 400,
                field.isEmpty() ? "The request body does not fit this operation" : field + " has the wrong type",
                uri.getPath(), violations);
        return Response.status(400).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
