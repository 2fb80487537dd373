package io.switchboard.kit.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Which token claims carry the tenant and the roles. */
@ConfigMapping(prefix = "switchboard.auth")
public interface AuthConfig {

    /** Claim holding the tenant id. */
    @WithDefault("tenant")
    String tenantClaim();

    /**
     * Audience ({@code aud}) of a user's token for the Switchboard API. A caller acting as a user must present a
     * token with it: a service's token names only the service it is for, and is refused here.
     */
    @WithDefault("switchboard")
    String userAudience();

    /** Role (from the token's role claims) of the tenant's admins, who may read the audit log. */
    @WithDefault("admin")
    String adminRole();
}
