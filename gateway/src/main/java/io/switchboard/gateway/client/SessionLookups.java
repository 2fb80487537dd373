package io.switchboard.gateway.client;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;
import io.switchboard.kit.problem.ProblemException;
import io.switchboard.session.api.ChatView;
import io.switchboard.session.api.ProjectView;
import io.switchboard.session.api.SplitViewBody;

/**
 * The reads of session-service the gateway makes outside an HTTP request of the caller's (a WebSocket frame, a
 * sidebar, a broadcast), with the bearer token passed along explicitly. Each is a route of session-api
 * ({@code ChatsApi#getChat}, {@code ProjectsApi#getProject}, {@code ProjectsApi#listChats},
 * {@code ViewsApi#getView}) with the same records, so a change of them breaks this build too. All reads: retried on
 * transport failures.
 */
@RegisterRestClient(configKey = "session-service")
@RegisterProvider(DownstreamProblemMapper.class)
@Timeout(value = 5, unit = ChronoUnit.SECONDS)
@Retry(maxRetries = 2, delay = 100, abortOn = ProblemException.class)
@CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
        skipOn = ProblemException.class)
public interface SessionLookups {

    @GET
    @Path("/chats/{chatId}")
    Uni<ChatView> getChat(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("chatId") UUID chatId);

    @GET
    @Path("/projects/{projectId}")
    Uni<ProjectView> getProject(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer,
            @PathParam("projectId") UUID projectId);

    @GET
    @Path("/projects/{projectId}/chats")
    Uni<List<ChatView>> listChats(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer,
            @PathParam("projectId") UUID projectId, @QueryParam("status") String status,
            @QueryParam("pinned") String pinned, @QueryParam("after") String after,
            @QueryParam("limit") String limit);

    @GET
    @Path("/views/{viewId}")
    Uni<SplitViewBody> getView(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("viewId") UUID viewId);
}
