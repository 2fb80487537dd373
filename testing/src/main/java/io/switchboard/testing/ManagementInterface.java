package io.switchboard.testing;

import java.net.URI;

import io.quarkus.test.common.http.TestHTTPResourceManager;

/**
 * Where the application under test serves {@code /q/health}, {@code /q/metrics} and {@code /q/openapi}: its
 * management port, never the port of its API.
 */
public final class ManagementInterface {

    private ManagementInterface() {
    }

    /** The scheme, host and port, to which a test appends {@code /q/...}. */
    public static String baseUri() {
        URI uri = URI.create(TestHTTPResourceManager.getManagementUri());
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
