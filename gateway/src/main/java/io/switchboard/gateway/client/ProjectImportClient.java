package io.switchboard.gateway.client;

import java.time.temporal.ChronoUnit;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.switchboard.kit.problem.ProblemException;
import io.switchboard.workspace.api.ProjectImportApi;

/**
 * Repository imports and fetches in git-workspace-service, with the caller's own bearer token. Starting an import
 * or a fetch is never retried: one that timed out may have happened. Reads are retried by {@link DownstreamReads}.
 */
@RegisterRestClient(configKey = "workspace-service")
@RegisterProvider(DownstreamProblemMapper.class)
@RegisterProvider(CallerTokenFilter.class)
// A fetch of the source runs within the request, for up to the workspace service's network timeout (2 min).
@Timeout(value = 150, unit = ChronoUnit.SECONDS)
@CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
        skipOn = ProblemException.class)
public interface ProjectImportClient extends ProjectImportApi {
}
