package io.switchboard.workspace.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

import io.switchboard.workspace.config.WorkspaceConfig;

/**
 * Branches between the project repository and its remote, with an access token: a chat's branch pushed, as
 * committed, under the same name (never forced: a remote branch that moved on is reported, not overwritten), and a
 * pull request's head fetched to start a chat from.
 */
@ApplicationScoped
public class RemoteBranches {

    private final ProjectRepositories repositories;
    private final WorkspaceConfig config;

    public RemoteBranches(ProjectRepositories repositories, WorkspaceConfig config) {
        this.repositories = repositories;
        this.config = config;
    }

    /** Pushes {@code branch} and answers the commit the remote now has; {@link PushFailure} when it has not. */
    public String push(UUID projectId, String branch, String remoteUrl, String token) {
        String ref = Constants.R_HEADS + branch;
        try (Repository repository = repositories.open(projectId); Git git = Git.wrap(repository)) {
            ObjectId head = repository.resolve(ref);
            if (head == null) {
                throw new GitFailure("the chat's branch " + branch + " does not exist");
            }
            Iterable<PushResult> results = git.push()
                    .setRemote(remoteUrl)
                    .setRefSpecs(new RefSpec(ref + ":" + ref))
                    .setCredentialsProvider(new UsernamePasswordCredentialsProvider("x-access-token", token))
                    .setTimeout((int) config.github().pushTimeout().toSeconds())
                    .call();
            for (PushResult result : results) {
                RemoteRefUpdate update = result.getRemoteUpdate(ref);
                if (update != null && update.getStatus() != RemoteRefUpdate.Status.OK
                        && update.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
                    throw new PushFailure(PushFailure.Kind.REJECTED, rejection(update, result), null);
                }
            }
            return head.name();
        } catch (TransportException e) {
            throw transportFailure(e);
        } catch (GitAPIException e) {
            throw new PushFailure(PushFailure.Kind.UNREACHABLE, "pushing the branch failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Fetches the head of pull request {@code number} ({@code refs/pull/<number>/head}, which GitHub keeps for every
     * pull request, from forks too) into {@code refs/switchboard-pull/<number>}; answers its commit.
     */
    public String fetchPullRequest(UUID projectId, String remoteUrl, String token, int number) {
        String source = "refs/pull/" + number + "/head";
        String target = "refs/switchboard-pull/" + number;
        try (Repository repository = repositories.openOrCreate(projectId); Git git = Git.wrap(repository)) {
            git.fetch()
                    .setRemote(remoteUrl)
                    .setRefSpecs(new RefSpec("+" + source + ":" + target))
                    .setCredentialsProvider(new UsernamePasswordCredentialsProvider("x-access-token", token))
                    .setTimeout((int) config.github().pushTimeout().toSeconds())
                    .call();
            ObjectId head = repository.resolve(target);
            if (head == null) {
                throw new GitFailure("the remote has no head for pull request #" + number);
            }
            return head.name();
        } catch (TransportException e) {
            throw transportFailure(e);
        } catch (GitAPIException e) {
            throw new PushFailure(PushFailure.Kind.UNREACHABLE, "fetching pull request #" + number + " failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String rejection(RemoteRefUpdate update, PushResult result) {
        String why = switch (update.getStatus()) {
            case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED ->
                    "the branch on the remote has commits the chat's branch does not have";
            case REJECTED_NODELETE -> "the remote refused the update";
            default -> update.getMessage() != null ? update.getMessage() : "the remote refused the update";
        };
        String remoteSays = result.getMessages() == null ? "" : result.getMessages().strip();
        String text = "the remote refused the push of the chat's branch: " + why
                + (remoteSays.isEmpty() ? "" : " (" + remoteSays + ")");
        return RemoteText.quote(text);
    }

    private static PushFailure transportFailure(TransportException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (message.contains("not authorized") || message.contains("authentication is required")
                || message.contains("401") || message.contains("403")) {
            return new PushFailure(PushFailure.Kind.UNAUTHORIZED, "the remote refused the project's token", e);
        }
        return new PushFailure(PushFailure.Kind.UNREACHABLE, "the remote could not be reached", e);
    }
}
