package io.switchboard.workspace.client;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.kit.problem.ProblemException;

/**
 * GitHub for a repository ({@code owner/name}) and token. What is not an answer from GitHub (no connection, no
 * answer in time) becomes a 502 problem of its own kind, so a user tells GitHub's outage from this service's.
 */
@ApplicationScoped
public class GitHub {

    private final GitHubApi api;

    public GitHub(@RestClient GitHubApi api) {
        this.api = api;
    }

    public Uni<GitHubRepository> repository(String repository, String token) {
        String[] name = split(repository);
        return answered(api.repository(name[0], name[1], bearer(token)));
    }

    public Uni<GitHubPullRequest> open(String repository, String token, GitHubNewPullRequest request) {
        String[] name = split(repository);
        return answered(api.openPullRequest(name[0], name[1], bearer(token), request));
    }

    public Uni<GitHubPullRequest> pullRequest(String repository, String token, int number) {
        String[] name = split(repository);
        return answered(api.pullRequest(name[0], name[1], number, bearer(token)));
    }

    public Uni<GitHubPullRequest> close(String repository, String token, int number) {
        String[] name = split(repository);
        return answered(
                api.updatePullRequest(name[0], name[1], number, bearer(token), GitHubPullRequestChange.close()));
    }

    private static <T> Uni<T> answered(Uni<T> call) {
        return call.onFailure(failure -> !(failure instanceof ProblemException)).transform(failure -> {
            Log.warnf("GitHub did not answer: %s", failure.toString());
            return GitHubProblemMapper.unavailable("GitHub did not answer");
        });
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    private static String[] split(String repository) {
        return repository.split("/", 2);
    }
}
