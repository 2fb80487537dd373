package io.switchboard.gateway.client;

import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import io.switchboard.kit.problem.ProblemException;

/**
 * Hands a downstream 4xx problem on to the client unchanged (it describes the client's request), and
 * turns a downstream 5xx into a 502 that names no internals. Passed on too: 507, the tenant's disk quota, and a
 * 5xx about GitHub (its outage, its rate limit), which tells the user to wait for GitHub, not for us.
 */
public class DownstreamProblemMapper implements ResponseExceptionMapper<ProblemException> {

    private static final String GITHUB_PROBLEMS = "urn:switchboard:problem:github-";

    @Override
    public ProblemException toThrowable(Response response) {
        int status = response.getStatus();
        JsonNode problem = readProblem(response);
        // 507 is the tenant's disk quota, an answer for the caller; any other 5xx is the service failing.
        if (status >= 500 && status != 507 && !problem.path("type").asText().startsWith(GITHUB_PROBLEMS)) {
            return new ProblemException(502, "urn:switchboard:problem:bad-gateway", "Bad gateway",
                    "A backing service failed to answer; try again");
        }
        return new ProblemException(status,
                problem.path("type").asText("urn:switchboard:problem:http-" + status),
                problem.path("title").asText("HTTP " + status),
                problem.path("detail").asText("The request was refused"));
    }

    private static JsonNode readProblem(Response response) {
        try {
            return response.readEntity(JsonNode.class);
        } catch (RuntimeException e) {
            return MissingNode.getInstance();
        }
    }
}
