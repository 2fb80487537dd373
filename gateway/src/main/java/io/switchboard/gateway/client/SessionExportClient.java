package io.switchboard.gateway.client;

import java.time.temporal.ChronoUnit;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.switchboard.kit.problem.ProblemException;
import io.switchboard.session.api.ChatExportApi;

/**
 * session-service's chat export (a longer timeout: the largest file takes longer to write), through the contract session-service implements ({@link ChatExportApi}), called with the caller's
 * own bearer token (CallerTokenFilter), which session-service verifies again. Not retried here: reads are retried
 * where they are made ({@link DownstreamReads}), writes never, as a repeated one could act twice.
 */
@RegisterRestClient(configKey = "session-service")
@RegisterProvider(DownstreamProblemMapper.class)
@RegisterProvider(CallerTokenFilter.class)
@Timeout(value = 15, unit = ChronoUnit.SECONDS)
@CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
        skipOn = ProblemException.class)
public interface SessionExportClient extends ChatExportApi {
}
