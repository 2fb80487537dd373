package io.switchboard.workspace.rest;

import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.switchboard.workspace.api.OpenPullRequest;
import io.switchboard.workspace.api.PullRequestApi;
import io.switchboard.workspace.api.PullRequestView;
import io.switchboard.workspace.security.ActingCaller;
import io.switchboard.workspace.service.PullRequests;

/** A chat's pull request on its project's GitHub repository. */
@Authenticated
public class PullRequestResource implements PullRequestApi {

    private final PullRequests pullRequests;
    private final ActingCaller caller;

    public PullRequestResource(PullRequests pullRequests, ActingCaller caller) {
        this.pullRequests = pullRequests;
        this.caller = caller;
    }

    @Override
    public Uni<PullRequestView> pullRequest(String chatId) {
        return pullRequests.pullRequest(WorkspaceResource.parse("chatId", chatId), caller.get());
    }

    @Override
    public Uni<RestResponse<PullRequestView>> open(String chatId, OpenPullRequest request) {
        return pullRequests.open(WorkspaceResource.parse("chatId", chatId), caller.get(), request)
                .map(view -> RestResponse.status(RestResponse.Status.CREATED, view));
    }

    @Override
    public Uni<PullRequestView> refresh(String chatId) {
        return pullRequests.refresh(WorkspaceResource.parse("chatId", chatId), caller.get());
    }
}
