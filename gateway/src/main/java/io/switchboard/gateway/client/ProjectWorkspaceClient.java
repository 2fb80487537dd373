package io.switchboard.gateway.client;

import java.time.temporal.ChronoUnit;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.switchboard.kit.problem.ProblemException;
import io.switchboard.workspace.api.ProjectWorkspaceApi;

/** A project's repository in git-workspace-service, with the caller's own bearer token; reads only, so retried. */
@RegisterRestClient(configKey = "workspace-service")
@RegisterProvider(DownstreamProblemMapper.class)
@RegisterProvider(CallerTokenFilter.class)
@Timeout(value = 15, unit = ChronoUnit.SECONDS)
@Retry(maxRetries = 2, delay = 100, abortOn = ProblemException.class)
@CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
        skipOn = ProblemException.class)
public interface ProjectWorkspaceClient extends ProjectWorkspaceApi {
}
