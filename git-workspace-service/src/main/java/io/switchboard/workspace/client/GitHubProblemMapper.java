package io.switchboard.workspace.client;

import java.time.Instant;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import io.switchboard.kit.problem.ProblemException;
import io.switchboard.workspace.git.RemoteText;

/**
 * Turns GitHub's error answers into problems the user can act on. The user's token and repository are the usual
 * cause, so most are 4xx; GitHub's own failures are 502 and its rate limit 503, each with a type of its own.
 * GitHub's messages are quoted only shortened and without control characters: they come from outside.
 */
public class GitHubProblemMapper implements ResponseExceptionMapper<ProblemException> {

    public static final String TOKEN_REJECTED = "urn:switchboard:problem:github-token-rejected";
    public static final String FORBIDDEN = "urn:switchboard:problem:github-forbidden";
    public static final String NOT_FOUND = "urn:switchboard:problem:github-not-found";
    public static final String REFUSED = "urn:switchboard:problem:github-refused";
    public static final String PULL_REQUEST_EXISTS = "urn:switchboard:problem:pull-request-exists";
    public static final String RATE_LIMITED = "urn:switchboard:problem:github-rate-limited";
    public static final String UNAVAILABLE = "urn:switchboard:problem:github-unavailable";

    @Override
    public ProblemException toThrowable(Response response) {
        int status = response.getStatus();
        JsonNode body = read(response);
        String message = quote(body);
        if (status == 429 || status == 403 && rateLimited(response)) {
            return new ProblemException(503, RATE_LIMITED, "GitHub rate limit",
                    "GitHub's API rate limit for the project's token is used up" + until(response)
                            + "; try again then");
        }
        return switch (status) {
            case 401 -> new ProblemException(422, TOKEN_REJECTED, "GitHub refused the token",
                    "GitHub refused the project's access token (expired, revoked or mistyped); connect the project "
                            + "to GitHub again with a valid token");
            case 403 -> new ProblemException(422, FORBIDDEN, "Not allowed on GitHub",
                    "GitHub does not let the project's token do this: " + message);
            case 404 -> new ProblemException(422, NOT_FOUND, "Not found on GitHub",
                    "GitHub shows the project's token no such repository or pull request");
            case 422 -> message.contains("already exists")
                    ? new ProblemException(409, PULL_REQUEST_EXISTS, "Pull request exists",
                            "GitHub already has an open pull request from this branch: " + message)
                    : new ProblemException(422, REFUSED, "GitHub refused the request",
                            "GitHub refused the pull request: " + message);
            default -> unavailable("GitHub answered HTTP " + status);
        };
    }

    public static ProblemException unavailable(String why) {
        return new ProblemException(502, UNAVAILABLE, "GitHub unavailable", why + "; try again later");
    }

    private static boolean rateLimited(Response response) {
        return "0".equals(response.getHeaderString("x-ratelimit-remaining"))
                || response.getHeaderString("retry-after") != null;
    }

    private static String until(Response response) {
        String reset = response.getHeaderString("x-ratelimit-reset");
        if (reset != null && reset.matches("\\d{1,12}")) {
            return " until " + Instant.ofEpochSecond(Long.parseLong(reset));
        }
        String retryAfter = response.getHeaderString("retry-after");
        if (retryAfter != null && retryAfter.matches("\\d{1,6}")) {
            return " for " + retryAfter + " seconds";
        }
        return "";
    }

    /** GitHub's message and the messages of its listed errors, one sentence. */
    private static String quote(JsonNode body) {
        String errors = StreamSupport.stream(body.path("errors").spliterator(), false)
                .map(error -> error.path("message").asText(error.path("code").asText("")))
                .filter(text -> !text.isBlank())
                .collect(Collectors.joining("; "));
        String text = body.path("message").asText("no reason given") + (errors.isEmpty() ? "" : " (" + errors + ")");
        return RemoteText.quote(text);
    }

    private static JsonNode read(Response response) {
        try {
            return response.readEntity(JsonNode.class);
        } catch (RuntimeException e) {
            return MissingNode.getInstance();
        }
    }
}
