package io.switchboard.workspace.client;

import java.time.temporal.ChronoUnit;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;
import io.switchboard.kit.problem.ProblemException;

/**
 * The part of GitHub's REST API pull requests need, under a repository; every call names its own token. Reads are
 * retried when GitHub did not answer; opening and closing a pull request are not, since a lost answer may hide a
 * done deed.
 */
@RegisterRestClient(configKey = "github")
@RegisterProvider(GitHubProblemMapper.class)
@Path("/repos/{owner}/{name}")
@Produces(MediaType.APPLICATION_JSON)
@ClientHeaderParam(name = "Accept", value = "application/vnd.github+json")
@ClientHeaderParam(name = "X-GitHub-Api-Version", value = "2022-11-28")
@ClientHeaderParam(name = "User-Agent", value = "switchboard")
@Timeout(value = 20, unit = ChronoUnit.SECONDS)
public interface GitHubApi {

    @GET
    @Retry(maxRetries = 2, delay = 200, abortOn = ProblemException.class)
    Uni<GitHubRepository> repository(@PathParam("owner") String owner, @PathParam("name") String name,
            @HeaderParam("Authorization") String authorization);

    @POST
    @Path("/pulls")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<GitHubPullRequest> openPullRequest(@PathParam("owner") String owner, @PathParam("name") String name,
            @HeaderParam("Authorization") String authorization, GitHubNewPullRequest request);

    @GET
    @Path("/pulls/{number}")
    @Retry(maxRetries = 2, delay = 200, abortOn = ProblemException.class)
    Uni<GitHubPullRequest> pullRequest(@PathParam("owner") String owner, @PathParam("name") String name,
            @PathParam("number") int number, @HeaderParam("Authorization") String authorization);

    @PATCH
    @Path("/pulls/{number}")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<GitHubPullRequest> updatePullRequest(@PathParam("owner") String owner, @PathParam("name") String name,
            @PathParam("number") int number, @HeaderParam("Authorization") String authorization,
            GitHubPullRequestChange change);
}
