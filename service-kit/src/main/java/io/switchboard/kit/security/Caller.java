package io.switchboard.kit.security;

/**
 * Who is calling, as the verified bearer token says. The only source of tenant and user ids: never
 * a request body or a header a client could forge.
 */
public record Caller(String tenantId, String userId) {
}
