package io.switchboard.gateway.client;

import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

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
 * session-service's views, UI state and client state, called with the caller's own bearer token. Reads retry on
 * transport failures; writes do not (a write whose answer was lost is repeated by the client with the version it
 * holds, and gets a 409 if the first one went through).
 */
@RegisterRestClient(configKey = "session-service")
@RegisterProvider(DownstreamProblemMapper.class)
@Timeout(value = 5, unit = ChronoUnit.SECONDS)
@CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
        skipOn = ProblemException.class)
@Consumes(MediaType.APPLICATION_JSON)
public interface SessionViewsClient {

    String IF_MATCH = "If-Match";

    @POST
    @Path("/views")
    Uni<JsonNode> createView(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, ViewRequests.CreateView body);

    @GET
    @Path("/views")
    @Retry(maxRetries = 2, delay = 100, abortOn = ProblemException.class)
    Uni<JsonNode> listViews(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer);

    @GET
    @Path("/views/{viewId}")
    @Retry(maxRetries = 2, delay = 100, abortOn = ProblemException.class)
    Uni<JsonNode> getView(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("viewId") UUID viewId);

    @PATCH
    @Path("/views/{viewId}")
    Uni<JsonNode> updateView(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @HeaderParam(IF_MATCH) String ifMatch,
            @PathParam("viewId") UUID viewId, ViewRequests.UpdateView body);

    @DELETE
    @Path("/views/{viewId}")
    Uni<RestResponse<Void>> deleteView(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer,
            @HeaderParam(IF_MATCH) String ifMatch, @PathParam("viewId") UUID viewId);

    @POST
    @Path("/views/{viewId}/panes")
    Uni<JsonNode> addPane(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @HeaderParam(IF_MATCH) String ifMatch,
            @PathParam("viewId") UUID viewId, ViewRequests.AddPane body);

    @DELETE
    @Path("/views/{viewId}/panes/{index}")
    Uni<JsonNode> removePane(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer,
            @HeaderParam(IF_MATCH) String ifMatch, @PathParam("viewId") UUID viewId, @PathParam("index") int index);

    @PATCH
    @Path("/views/{viewId}/panes/{index}")
    Uni<JsonNode> updatePane(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer,
            @HeaderParam(IF_MATCH) String ifMatch, @PathParam("viewId") UUID viewId, @PathParam("index") int index,
            ViewRequests.UpdatePane body);

    @POST
    @Path("/views/{viewId}/panes/{index}/move")
    Uni<JsonNode> movePane(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @HeaderParam(IF_MATCH) String ifMatch,
            @PathParam("viewId") UUID viewId, @PathParam("index") int index, ViewRequests.Move body);

    @PUT
    @Path("/views/{viewId}/sizes")
    Uni<JsonNode> resizePanes(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer,
            @HeaderParam(IF_MATCH) String ifMatch, @PathParam("viewId") UUID viewId, ViewRequests.ResizePanes body);

    @GET
    @Path("/ui-state")
    @Retry(maxRetries = 2, delay = 100, abortOn = ProblemException.class)
    Uni<JsonNode> uiState(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer);

    @POST
    @Path("/ui-state/tabs")
    Uni<JsonNode> openTab(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @HeaderParam(IF_MATCH) String ifMatch,
            ViewRequests.OpenTab body);

    @DELETE
    @Path("/ui-state/tabs/{chatId}")
    Uni<JsonNode> closeTab(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @HeaderParam(IF_MATCH) String ifMatch,
            @PathParam("chatId") UUID chatId);

    @POST
    @Path("/ui-state/tabs/{chatId}/move")
    Uni<JsonNode> moveTab(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @HeaderParam(IF_MATCH) String ifMatch,
            @PathParam("chatId") UUID chatId, ViewRequests.Move body);

    @PUT
    @Path("/ui-state/active-tab")
    Uni<JsonNode> activateTab(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer,
            @HeaderParam(IF_MATCH) String ifMatch, ViewRequests.ActiveTab body);

    @POST
    @Path("/ui-state/closed-tabs/restore")
    Uni<JsonNode> restoreTab(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer,
            @HeaderParam(IF_MATCH) String ifMatch, ViewRequests.RestoreTab body);

    @PUT
    @Path("/ui-state/last-view")
    Uni<JsonNode> setLastView(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer,
            @HeaderParam(IF_MATCH) String ifMatch, ViewRequests.LastView body);

    @GET
    @Path("/chats/{chatId}/client-state")
    @Retry(maxRetries = 2, delay = 100, abortOn = ProblemException.class)
    Uni<JsonNode> clientState(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("chatId") UUID chatId);

    @PUT
    @Path("/chats/{chatId}/client-state")
    Uni<JsonNode> putClientState(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer,
            @HeaderParam(IF_MATCH) String ifMatch, @PathParam("chatId") UUID chatId, JsonNode document);
}
