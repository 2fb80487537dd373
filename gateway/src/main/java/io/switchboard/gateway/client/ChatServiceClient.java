package io.switchboard.gateway.client;

import java.time.temporal.ChronoUnit;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;
import io.switchboard.kit.problem.ProblemException;

/** chat-service's read API, called with the caller's own bearer token. */
@RegisterRestClient(configKey = "chat-service")
@RegisterProvider(DownstreamProblemMapper.class)
@Timeout(value = 5, unit = ChronoUnit.SECONDS)
@CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
        skipOn = ProblemException.class)
public interface ChatServiceClient {

    /** {@code {"defaultModel": "...", "models": [{"name", "provider", "contextWindowTokens", "supportsTools"}]}}. */
    @GET
    @Path("/models")
    @Retry(maxRetries = 2, delay = 100, abortOn = ProblemException.class)
    Uni<JsonNode> models(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer);
}
