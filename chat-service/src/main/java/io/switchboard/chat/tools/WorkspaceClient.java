package io.switchboard.chat.tools;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/**
 * A chat's working directory in git-workspace-service, called with chat-service's service token on
 * behalf of the chat's tenant. Reads retry on failures of the service; writes and commits never do,
 * since a write that timed out may have happened. A refused request (4xx) is neither retried nor
 * counted against the service's health.
 */
@RegisterRestClient(configKey = "switchboard-workspace")
@RegisterProvider(WorkspaceProblemMapper.class)
@Path("/workspaces/{chatId}")
@Produces(MediaType.APPLICATION_JSON)
@Timeout(value = 20, unit = ChronoUnit.SECONDS)
// No circuit breaker here: one shared by all tenants would let one tenant's failures stop everyone's tools.
// AgentToolbox puts a breaker per tenant (TenantBreakers) around these calls.
public interface WorkspaceClient {

    String TENANT_HEADER = "X-Switchboard-Tenant";

    @GET
    @Path("/files")
    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = WorkspaceRejection.class)
    Uni<Listing> list(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @HeaderParam(TENANT_HEADER) String tenant,
            @PathParam("chatId") String chatId, @QueryParam("path") String path,
            @QueryParam("recursive") boolean recursive, @QueryParam("limit") Integer limit);

    @GET
    @Path("/file")
    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = WorkspaceRejection.class)
    Uni<FileContent> read(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer,
            @HeaderParam(TENANT_HEADER) String tenant, @PathParam("chatId") String chatId,
            @QueryParam("path") String path, @QueryParam("fromLine") Integer fromLine,
            @QueryParam("maxLines") Integer maxLines);

    @PUT
    @Path("/file")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<FileWritten> write(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer,
            @HeaderParam(TENANT_HEADER) String tenant, @PathParam("chatId") String chatId, WriteFile body);

    @GET
    @Path("/search")
    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = WorkspaceRejection.class)
    Uni<SearchResult> search(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer,
            @HeaderParam(TENANT_HEADER) String tenant, @PathParam("chatId") String chatId,
            @QueryParam("query") String query, @QueryParam("regex") boolean regex,
            @QueryParam("ignoreCase") boolean ignoreCase, @QueryParam("glob") String glob,
            @QueryParam("path") String path, @QueryParam("maxResults") Integer maxResults);

    @GET
    @Path("/diff")
    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = WorkspaceRejection.class)
    Uni<Diff> diff(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @HeaderParam(TENANT_HEADER) String tenant,
            @PathParam("chatId") String chatId, @QueryParam("againstDefault") boolean againstDefault);

    @POST
    @Path("/commits")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<CommitResult> commit(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer,
            @HeaderParam(TENANT_HEADER) String tenant, @PathParam("chatId") String chatId, Commit body);

    /** One entry of a listing: {@code type} is file, directory or symlink; {@code size} only for files. */
    record Entry(String path, String type, Long size) {
    }

    record Listing(String path, boolean recursive, List<Entry> entries, boolean truncated) {
    }

    record FileContent(String path, long size, int totalLines, int fromLine, int toLine, String content) {
    }

    record WriteFile(String path, String content) {
    }

    record FileWritten(String path, long size, boolean created) {
    }

    record Match(String path, int line, String text) {
    }

    record SearchResult(List<Match> matches, boolean truncated, int filesSearched) {
    }

    record ChangedFile(String path, String change, String oldPath) {
    }

    record DiffPart(String base, List<ChangedFile> files, String patch, boolean truncated) {
    }

    record Diff(String branch, String head, DiffPart uncommitted, String defaultBranch, DiffPart againstDefault) {
    }

    record Commit(String message, UUID turnId) {
    }

    record CommitResult(boolean committed, String branch, String commit, int files, boolean replayed) {
    }
}
