package io.switchboard.gateway.client;

import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
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
 * session-service's chat files, called with the caller's own bearer token. The files travel as bytes: session-service
 * reads and checks them, and an export reaches the client exactly as it was written. Longer timeouts than
 * {@link SessionServiceClient}'s, as a file of the largest size takes longer to write or read; the import, a write,
 * is not retried.
 */
@RegisterRestClient(configKey = "session-service")
@RegisterProvider(DownstreamProblemMapper.class)
@CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
        skipOn = ProblemException.class)
public interface SessionTransferClient {

    @GET
    @Path("/chats/{chatId}/export")
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout(value = 15, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 100, abortOn = ProblemException.class)
    Uni<RestResponse<byte[]>> exportChat(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer,
            @PathParam("chatId") UUID chatId);

    /** 201 with the new chat. */
    @POST
    @Path("/projects/{projectId}/chats/import")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout(value = 30, unit = ChronoUnit.SECONDS)
    Uni<RestResponse<JsonNode>> importChat(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer,
            @PathParam("projectId") UUID projectId, byte[] file);
}
