package io.switchboard.session.rest;

import java.util.List;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.switchboard.kit.security.AuthConfig;
import io.switchboard.kit.security.CurrentCaller;
import io.switchboard.session.api.AuditApi;
import io.switchboard.session.api.AuditEntryView;
import io.switchboard.session.mapping.ViewMapper;
import io.switchboard.session.service.AuditTrail;

/** The tenant's audit log, newest first, for its admins. */
@Authenticated
public class AuditResource implements AuditApi {

    private static final int DEFAULT_PAGE = 50;

    private final AuditTrail audit;
    private final CurrentCaller caller;
    private final SecurityIdentity identity;
    private final AuthConfig auth;

    public AuditResource(AuditTrail audit, CurrentCaller caller, SecurityIdentity identity, AuthConfig auth) {
        this.audit = audit;
        this.caller = caller;
        this.identity = identity;
        this.auth = auth;
    }

    /** {@code before} is the {@code id} of the last entry of the previous page; a shorter page is the last. */
    @Override
    public Uni<List<AuditEntryView>> audit(String before,
            String projectId, String chatId,
            String limit) {
        return audit.page(caller.get(), identity.hasRole(auth.adminRole()),
                        QueryParams.longInteger(before, "before"), QueryParams.uuid(projectId, "projectId"),
                        QueryParams.uuid(chatId, "chatId"), QueryParams.integer(limit, "limit", DEFAULT_PAGE))
                .map(entries -> entries.stream().map(ViewMapper::toView).toList());
    }
}
