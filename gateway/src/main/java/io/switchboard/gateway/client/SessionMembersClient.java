package io.switchboard.gateway.client;

import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;
import io.switchboard.kit.problem.ProblemException;

/**
 * session-service's project members and audit log, called with the caller's own bearer token. Reads retry on
 * transport failures; so do the member writes, which name their end state (this role, not a member) and so
 * change nothing the second time.
 */
@RegisterRestClient(configKey = "session-service")
@RegisterProvider(DownstreamProblemMapper.class)
@Timeout(value = 5, unit = ChronoUnit.SECONDS)
@CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
        skipOn = ProblemException.class)
@Consumes(MediaType.APPLICATION_JSON)
public interface SessionMembersClient {

    @GET
    @Path("/projects/{projectId}/members")
    @Retry(maxRetries = 2, delay = 100, abortOn = ProblemException.class)
    Uni<JsonNode> listMembers(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer,
            @PathParam("projectId") UUID projectId);

    @PUT
    @Path("/projects/{projectId}/members/{userId}")
    @Retry(maxRetries = 2, delay = 100, abortOn = ProblemException.class)
    Uni<JsonNode> putMember(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer,
            @PathParam("projectId") UUID projectId, @PathParam("userId") String userId, MemberRoleRequest body);

    @DELETE
    @Path("/projects/{projectId}/members/{userId}")
    @Retry(maxRetries = 2, delay = 100, abortOn = ProblemException.class)
    Uni<Void> removeMember(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer,
            @PathParam("projectId") UUID projectId, @PathParam("userId") String userId);

    @GET
    @Path("/audit")
    @Retry(maxRetries = 2, delay = 100, abortOn = ProblemException.class)
    Uni<JsonNode> audit(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @QueryParam("before") String before,
            @QueryParam("projectId") String projectId, @QueryParam("chatId") String chatId,
            @QueryParam("limit") String limit);
}
