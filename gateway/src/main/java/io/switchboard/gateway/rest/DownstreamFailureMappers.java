package io.switchboard.gateway.rest;

import java.net.ConnectException;
import java.net.UnknownHostException;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.logging.Log;
import io.switchboard.kit.problem.Problem;
import io.vertx.core.http.HttpClosedException;

/**
 * A backing service that cannot be reached is the gateway's 503, not the client's fault. The reactive REST
 * client fails with the transport's own exception (a refused connection is a checked ConnectException), so
 * those are named here beside the JAX-RS and Fault Tolerance ones.
 */
public class DownstreamFailureMappers {

    @ServerExceptionMapper({ProcessingException.class, TimeoutException.class, CircuitBreakerOpenException.class,
            ConnectException.class, UnknownHostException.class, HttpClosedException.class})
    public Response unavailable(Exception e, UriInfo uri) {
        Log.warnf("Backing service unavailable for %s: %s", uri.getPath(), e.toString());
        Problem problem = new Problem("urn:switchboard:problem:unavailable", "Service unavailable", 503,
                "A backing service is unavailable; try again shortly", uri.getPath(), null);
        return Response.status(503).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /** Any other checked exception: service-kit's mappers cover the unchecked ones. */
    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        Log.errorf(e, "Unexpected failure on %s", uri.getPath());
        Problem problem = new Problem("urn:switchboard:problem:internal", "Internal error", 500,
                "The request failed unexpectedly; it has been logged", uri.getPath(), null);
        return Response.status(500).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
