package io.switchboard.gateway.client;

import java.time.temporal.ChronoUnit;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.switchboard.kit.problem.ProblemException;
import io.switchboard.workspace.api.ProjectGitHubApi;

/** A project's GitHub repository in git-workspace-service, with the caller's own bearer token; not retried. */
@RegisterRestClient(configKey = "workspace-service")
@RegisterProvider(DownstreamProblemMapper.class)
@RegisterProvider(CallerTokenFilter.class)
@Timeout(value = 30, unit = ChronoUnit.SECONDS)
@CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
        skipOn = ProblemException.class)
public interface ProjectGitHubClient extends ProjectGitHubApi {
}
