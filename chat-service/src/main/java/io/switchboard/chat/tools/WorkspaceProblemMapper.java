package io.switchboard.chat.tools;

import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/** Turns git-workspace-service's problem answers into {@link WorkspaceRejection} or {@link WorkspaceUnavailable}. */
public class WorkspaceProblemMapper implements ResponseExceptionMapper<RuntimeException> {

    @Override
    public RuntimeException toThrowable(Response response) {
        int status = response.getStatus();
        // 507 is the tenant's disk quota: the model is told, as of any refused request, and can stop writing.
        if (status >= 500 && status != 507 || status == 401 || status == 403) {
            // A token the service refuses is our configuration's fault, not the model's request.
            return new WorkspaceUnavailable("git-workspace-service answered " + status);
        }
        JsonNode problem = readProblem(response);
        return new WorkspaceRejection(status, problem.path("type").asText("urn:switchboard:problem:http-" + status),
                problem.path("detail").asText("the request was refused with status " + status));
    }

    private static JsonNode readProblem(Response response) {
        try {
            return response.readEntity(JsonNode.class);
        } catch (RuntimeException e) {
            return MissingNode.getInstance();
        }
    }
}
