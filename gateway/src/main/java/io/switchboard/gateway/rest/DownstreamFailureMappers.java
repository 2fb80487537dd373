package io.switchboard.gateway.rest;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.logging.Log;
import io.switchboard.kit.problem.Problem;

/** A backing service that cannot be reached is the gateway's 503, not the client's fault. */
public class DownstreamFailureMappers {

    @ServerExceptionMapper({ProcessingException.class, TimeoutException.class, CircuitBreakerOpenException.class})
    public Response unavailable(RuntimeException e, UriInfo uri) {
        Log.warnf("Backing service unavailable for %s: %s", uri.getPath(), e.getMessage());
        Problem problem = new Problem("urn:switchboard:problem:unavailable", "Service unavailable", 503,
                "A backing service is unavailable; try again shortly", uri.getPath(), null);
        return Response.status(503).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
