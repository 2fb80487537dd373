package io.switchboard.gateway.client;

import java.time.temporal.ChronoUnit;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.switchboard.kit.problem.ProblemException;
import io.switchboard.workspace.api.WorkspaceApi;

/**
 * git-workspace-service, through the contract it implements, called with the caller's own bearer token
 * (CallerTokenFilter), which it verifies again. Every call of this contract is a read, so all are retried on
 * transport failures.
 */
@RegisterRestClient(configKey = "workspace-service")
@RegisterProvider(DownstreamProblemMapper.class)
@RegisterProvider(CallerTokenFilter.class)
@Timeout(value = 5, unit = ChronoUnit.SECONDS)
@Retry(maxRetries = 2, delay = 100, abortOn = ProblemException.class)
@CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
        skipOn = ProblemException.class)
public interface WorkspaceServiceClient extends WorkspaceApi {
}
