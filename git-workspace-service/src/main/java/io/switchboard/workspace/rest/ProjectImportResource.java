package io.switchboard.workspace.rest;

import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.switchboard.workspace.api.FetchRequest;
import io.switchboard.workspace.api.FetchResult;
import io.switchboard.workspace.api.ImportRequest;
import io.switchboard.workspace.api.ImportStatus;
import io.switchboard.workspace.api.ProjectImportApi;
import io.switchboard.workspace.security.ActingCaller;
import io.switchboard.workspace.service.RepositoryImports;

/** Importing an existing repository into a project, and fetching it again later. */
@Authenticated
public class ProjectImportResource implements ProjectImportApi {

    private final RepositoryImports imports;
    private final ActingCaller caller;

    public ProjectImportResource(RepositoryImports imports, ActingCaller caller) {
        this.imports = imports;
        this.caller = caller;
    }

    @Override
    public Uni<RestResponse<ImportStatus>> startImport(String projectId, ImportRequest request) {
        return imports.start(WorkspaceResource.parse("projectId", projectId), caller.get(), request)
                .map(RestResponse::accepted);
    }

    @Override
    public Uni<ImportStatus> importStatus(String projectId) {
        return imports.status(WorkspaceResource.parse("projectId", projectId), caller.get());
    }

    @Override
    public Uni<FetchResult> fetch(String projectId, FetchRequest request) {
        return imports.fetch(WorkspaceResource.parse("projectId", projectId), caller.get(), request);
    }
}
