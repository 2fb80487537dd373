package io.switchboard.gateway.rest;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.switchboard.kit.problem.Problem;

/**
 * Well-formed JSON whose values do not fit the fields (a number for a text, an unknown delivery...). Quarkus
 * answers these with its own non-problem body unless mapped here; the problem names the field.
 */
public class JsonProblemMappers {

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        String field = e.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName()
                        : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        String message = "has the wrong type";
        if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                && invalid.getTargetType().isEnum()) {
            message = "must be one of " + Arrays.stream(invalid.getTargetType().getEnumConstants())
                    .map(JsonProblemMappers::wireName).toList();
        }
        List<Problem.Violation> violations = field.isEmpty() ? null : List.of(new Problem.Violation(field, message));
        Problem problem = new Problem("urn:switchboard:problem:invalid-request", "Invalid request", 400,
                field.isEmpty() ? "The request body does not fit this operation" : field + " " + message,
                uri.getPath(), violations);
        return Response.status(400).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /** An enum constant as JSON spells it: its {@code @JsonProperty} name, else its own. */
    private static String wireName(Object constant) {
        Enum<?> value = (Enum<?>) constant;
        try {
            JsonProperty property = value.getDeclaringClass().getField(value.name()).getAnnotation(JsonProperty.class);
            return property != null ? property.value() : value.name();
        } catch (NoSuchFieldException e) {
            return value.name();
        }
    }
}
