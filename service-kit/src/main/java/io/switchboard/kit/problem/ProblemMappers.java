package io.switchboard.kit.problem;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * Turns every failure of a REST call into an RFC 9457 problem body, so no client ever sees a bare
 * status, an HTML page, or the name of an exception class.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.toProblem(path(uri)));
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<Problem.Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Problem.Violation(lastNode(v.getPropertyPath().toString()), v.getMessage()))
                .sorted((a, b) -> a.field().compareTo(b.field()))
                .toList();
        return respond(new Problem("urn:switchboard:problem:invalid-request", "Invalid request", 400,
                "The request has " + violations.size() + " invalid field(s)", path(uri), violations));
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        return respond(new Problem("urn:switchboard:problem:malformed-body", "Malformed body", 400,
                "The request body is not valid JSON for this operation", path(uri), null));
    }

    /**
     * Well-formed JSON whose values do not fit the fields ({@code "dryRun": "yes"}, an unknown enum constant, a
     * text where a list belongs). Quarkus answers these with its own body, not a problem, unless mapped here; the
     * problem names the field.
     */
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
                    .map(ProblemMappers::wireName).toList();
        }
        List<Problem.Violation> violations = field.isEmpty() ? null : List.of(new Problem.Violation(field, message));
        return respond(new Problem("urn:switchboard:problem:invalid-request", "Invalid request", 400,
                field.isEmpty() ? "The request body does not fit this operation" : field + " " + message, path(uri),
                violations));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadable(json, uri);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "HTTP " + status : known.getReasonPhrase();
        String detail = switch (status) {
            case 400 -> "The request could not be understood";
            case 401 -> "A valid bearer token is required";
            case 403 -> "The caller may not do this";
            case 404 -> "There is nothing at this address";
            case 405 -> "This address does not accept that method";
            case 406 -> "No acceptable representation";
            case 413 -> "The request body is too large";
            case 415 -> "Unsupported content type";
            default -> title;
        };
        return respond(new Problem("urn:switchboard:problem:http-" + status, title, status, detail, path(uri), null));
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, UriInfo uri) {
        LOG.errorf(e, "Unexpected failure on %s", path(uri));
        return respond(new Problem("urn:switchboard:problem:internal", "Internal error", 500,
                "The request failed unexpectedly; it has been logged", path(uri), null));
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getPath();
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

    private static String lastNode(String propertyPath) {
        int dot = propertyPath.lastIndexOf('.');
        return dot < 0 ? propertyPath : propertyPath.substring(dot + 1);
    }
}
