package io.switchboard.chat.tools;

import java.time.temporal.ChronoUnit;

import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.oidc.client.filter.OidcClientFilter;

import io.switchboard.workspace.api.WorkspaceFilesApi;

/**
 * A chat's working directory in git-workspace-service, through the contract that service implements, called
 * with chat-service's own short-lived service token (the OIDC client filter: client credentials, audience
 * git-workspace-service, renewed before it expires) on behalf of the chat's tenant. AgentToolbox retries
 * reads; writes and commits are never retried, since a write that timed out may have happened. A refused
 * request (4xx) becomes a {@link WorkspaceRejection}, neither retried nor counted against the service's health.
 */
@RegisterRestClient(configKey = "switchboard-workspace")
@RegisterProvider(WorkspaceProblemMapper.class)
@OidcClientFilter
@Timeout(value = 20, unit = ChronoUnit.SECONDS)
// No circuit breaker here: one shared by all tenants would let one tenant's failures stop everyone's tools.
// AgentToolbox puts a breaker per tenant (TenantBreakers) around these calls.
public interface WorkspaceClient extends WorkspaceFilesApi {
}
