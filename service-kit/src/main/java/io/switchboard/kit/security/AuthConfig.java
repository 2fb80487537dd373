package io.switchboard.kit.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Which token claims carry the tenant and the roles. */
@ConfigMapping(prefix = "switchboard.auth")
public interface AuthConfig {

    /** Claim holding the tenant id. */
    @WithDefault("tenant")
    String tenantClaim();

    /** Role (from the token's role claims) of the tenant's admins, who may read the audit log. */
    @WithDefault("admin")
    String adminRole();
}
