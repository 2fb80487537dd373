package io.switchboard.gateway.rest;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Adds to every /api operation the problem responses they all share, so the annotations on each method
 * only name what is particular to it.
 */
public class ProblemResponsesFilter implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (path.startsWith("/api/") && item.getOperations() != null) {
                item.getOperations().values().forEach(ProblemResponsesFilter::addSharedProblems);
            }
        });
    }

    private static void addSharedProblems(Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        add(responses, "400", "BadRequest");
        add(responses, "401", "Unauthorized");
        add(responses, "403", "Forbidden");
        add(responses, "503", "Unavailable");
        if (operation.getRequestBody() != null) {
            add(responses, "413", "PayloadTooLarge");
            add(responses, "415", "UnsupportedMediaType");
        }
    }

    /** Adds the named problem response, replacing a generic one SmallRye made up (it has no reference). */
    private static void add(APIResponses responses, String status, String reference) {
        APIResponse existing = responses.getAPIResponse(status);
        if (existing == null || existing.getRef() == null) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().ref(reference));
        }
    }
}
