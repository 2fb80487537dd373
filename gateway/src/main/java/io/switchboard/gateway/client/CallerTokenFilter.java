package io.switchboard.gateway.client;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

import io.switchboard.kit.security.CurrentCaller;

/**
 * Calls a backing service as the caller of the current request, with the caller's own token, which that service
 * verifies again: the gateway never lends a service more authority than the user has.
 */
public class CallerTokenFilter implements ClientRequestFilter {

    private final CurrentCaller caller;

    public CallerTokenFilter(CurrentCaller caller) {
        this.caller = caller;
    }

    @Override
    public void filter(ClientRequestContext request) {
        request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, caller.bearer());
    }
}
