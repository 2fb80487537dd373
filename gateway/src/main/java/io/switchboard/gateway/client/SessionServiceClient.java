package io.switchboard.gateway.client;

import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;
import io.switchboard.kit.problem.ProblemException;

/**
 * session-service, called with the caller's own bearer token, which it verifies again. Reads retry on
 * transport failures; writes do not, as a retried create could create twice.
 */
@RegisterRestClient(configKey = "session-service")
@RegisterProvider(DownstreamProblemMapper.class)
@Timeout(value = 5, unit = ChronoUnit.SECONDS)
@CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
        skipOn = ProblemException.class)
public interface SessionServiceClient {

    @POST
    @Path("/projects")
    Uni<JsonNode> createProject(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, CreateProjectRequest body);

    @GET
    @Path("/projects")
    @Retry(maxRetries = 2, delay = 100, abortOn = ProblemException.class)
    Uni<JsonNode> listProjects(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer);

    @GET
    @Path("/projects/{projectId}")
    @Retry(maxRetries = 2, delay = 100, abortOn = ProblemException.class)
    Uni<JsonNode> getProject(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer,
            @PathParam("projectId") UUID projectId);

    /** 201 for a new chat, 200 with the chat an earlier request with the same Idempotency-Key created. */
    @POST
    @Path("/projects/{projectId}/chats")
    Uni<RestResponse<JsonNode>> createChat(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer,
            @HeaderParam("Idempotency-Key") String idempotencyKey, @PathParam("projectId") UUID projectId,
            CreateChatRequest body);

    @GET
    @Path("/projects/{projectId}/chats")
    @Retry(maxRetries = 2, delay = 100, abortOn = ProblemException.class)
    Uni<JsonNode> listChats(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer,
            @PathParam("projectId") UUID projectId, @QueryParam("status") String status,
            @QueryParam("pinned") String pinned, @QueryParam("after") String after,
            @QueryParam("limit") String limit);

    @GET
    @Path("/chats/search")
    @Retry(maxRetries = 2, delay = 100, abortOn = ProblemException.class)
    Uni<JsonNode> searchChats(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @QueryParam("q") String query,
            @QueryParam("projectId") String projectId, @QueryParam("limit") String limit);

    @PATCH
    @Path("/chats/{chatId}")
    Uni<JsonNode> updateChat(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("chatId") UUID chatId,
            UpdateChatRequest body);

    /** {@code action} is archive, restore or complete. */
    @POST
    @Path("/chats/{chatId}/{action}")
    Uni<JsonNode> changeStatus(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer,
            @PathParam("chatId") UUID chatId, @PathParam("action") String action);

    @DELETE
    @Path("/chats/{chatId}")
    Uni<Void> deleteChat(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("chatId") UUID chatId);

    @POST
    @Path("/chats/{chatId}/duplicate")
    Uni<JsonNode> duplicateChat(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer,
            @PathParam("chatId") UUID chatId);

    @POST
    @Path("/chats/{chatId}/fork")
    Uni<JsonNode> forkChat(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("chatId") UUID chatId,
            ForkChatRequest body);

    /** Moving a read position forward again changes nothing: safe to retry. */
    @POST
    @Path("/chats/{chatId}/read")
    @Retry(maxRetries = 2, delay = 100, abortOn = ProblemException.class)
    Uni<JsonNode> markRead(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("chatId") UUID chatId,
            MarkReadRequest body);

    @GET
    @Path("/chats/{chatId}")
    @Retry(maxRetries = 2, delay = 100, abortOn = ProblemException.class)
    Uni<JsonNode> getChat(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("chatId") UUID chatId);

    @GET
    @Path("/chats/{chatId}/messages")
    @Retry(maxRetries = 2, delay = 100, abortOn = ProblemException.class)
    Uni<JsonNode> messages(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("chatId") UUID chatId,
            @QueryParam("after") String after, @QueryParam("before") String before,
            @QueryParam("afterSeq") long afterSeq, @QueryParam("limit") int limit);
}
