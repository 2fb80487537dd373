package io.switchboard.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.UUID;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.switchboard.testing.GitCommandLine;

/**
 * The smart HTTP test server, driven by JGit and the git command line as a git host would be: clones and pushes
 * with the token, refusal without it, and a protected branch's push rejected by its hook.
 */
class SmartGitServerTest {

    private static final String TOKEN = "ghp_" + UUID.randomUUID().toString().replace("-", "");

    @TempDir
    Path root;

    @TempDir
    Path work;

    private Path bare;
    private String initial;
    private SmartGitServer server;

    @BeforeEach
    void createRepositoryAndServer() throws Exception {
        bare = root.resolve("org/project.git");
        Files.createDirectories(bare.getParent());
        GitCommandLine.inDirectory(root, "init", "--bare", "--initial-branch=main", bare.toString());
        Path seed = work.resolve("seed");
        Files.createDirectories(seed);
        GitCommandLine.inDirectory(seed, "init", "--initial-branch=main");
        Files.writeString(seed.resolve("README.md"), "hello\n");
        GitCommandLine.inDirectory(seed, "add", "README.md");
        GitCommandLine.inDirectory(seed, "commit", "-m", "Initial commit");
        GitCommandLine.inDirectory(seed, "push", bare.toString(), "main");
        initial = head("main");
        server = SmartGitServer.start(root, TOKEN);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void jgitClonesAndPushesANewBranchWithTheToken() throws Exception {
        try (Git clone = cloneWith(TOKEN, "clone")) {
            assertThat(clone.getRepository().resolve("refs/remotes/origin/main").name()).isEqualTo(initial);

            clone.checkout().setCreateBranch(true).setName("feature").call();
            RevCommit commit = commit(clone, "feature.txt", "Add a feature");
            PushResult result = push(clone, TOKEN, "refs/heads/feature");

            assertThat(result.getRemoteUpdate("refs/heads/feature").getStatus())
                    .as(server.lastError()).isEqualTo(RemoteRefUpdate.Status.OK);
            assertThat(head("feature")).isEqualTo(commit.name());
            assertThat(head("main")).isEqualTo(initial);
        }
        String expected = "Basic " + Base64.getEncoder()
                .encodeToString(("x-access-token:" + TOKEN).getBytes(StandardCharsets.UTF_8));
        assertThat(server.authorizations()).isNotEmpty().allMatch(expected::equals);
    }

    @Test
    void theGitCommandLineClonesWithTheTokenInTheUrl() {
        String url = server.url(bare).replace("http://", "http://x-access-token:" + TOKEN + "@");
        GitCommandLine.inDirectory(work, "clone", "--quiet", url, "cli");

        assertThat(GitCli.lines(work.resolve("cli/.git"), "rev-parse", "HEAD")).containsExactly(initial);
        assertThat(server.authorizations()).isNotEmpty();
    }

    @Test
    void aWrongTokenIsRefusedAndNothingIsPushed() throws Exception {
        assertThatThrownBy(() -> cloneWith("ghp_wrong", "refused").close()).isInstanceOf(TransportException.class);

        try (Git clone = cloneWith(TOKEN, "clone")) {
            clone.checkout().setCreateBranch(true).setName("sneaky").call();
            commit(clone, "sneaky.txt", "Sneak in");

            assertThatThrownBy(() -> push(clone, "ghp_wrong", "refs/heads/sneaky"))
                    .isInstanceOf(TransportException.class);
        }
        assertThat(GitCli.succeeds(bare, "rev-parse", "--verify", "--quiet", "refs/heads/sneaky")).isFalse();
        String wrong = "Basic " + Base64.getEncoder()
                .encodeToString("x-access-token:ghp_wrong".getBytes(StandardCharsets.UTF_8));
        assertThat(server.authorizations()).contains(wrong);
    }

    @Test
    void aPushToAProtectedBranchIsRejectedByItsHook() throws Exception {
        server.protect(bare, "main");

        try (Git clone = cloneWith(TOKEN, "clone")) {
            commit(clone, "change.txt", "Change main directly");
            PushResult rejected = push(clone, TOKEN, "refs/heads/main");

            RemoteRefUpdate update = rejected.getRemoteUpdate("refs/heads/main");
            assertThat(update.getStatus()).isEqualTo(RemoteRefUpdate.Status.REJECTED_OTHER_REASON);
            assertThat(update.getMessage() + "\n" + rejected.getMessages()).contains("protected branch hook declined");
            assertThat(head("main")).isEqualTo(initial);

            // Only the protected branch is guarded.
            clone.checkout().setCreateBranch(true).setName("topic").call();
            RevCommit topic = commit(clone, "topic.txt", "A topic");
            PushResult accepted = push(clone, TOKEN, "refs/heads/topic");
            assertThat(accepted.getRemoteUpdate("refs/heads/topic").getStatus()).isEqualTo(RemoteRefUpdate.Status.OK);
            assertThat(head("topic")).isEqualTo(topic.name());
        }
    }

    private Git cloneWith(String token, String directory) throws Exception {
        return Git.cloneRepository().setURI(server.url(bare)).setDirectory(work.resolve(directory).toFile())
                .setCredentialsProvider(new UsernamePasswordCredentialsProvider("x-access-token", token)).call();
    }

    private static RevCommit commit(Git git, String file, String message) throws Exception {
        Files.writeString(git.getRepository().getWorkTree().toPath().resolve(file), message + "\n");
        git.add().addFilepattern(file).call();
        return git.commit().setMessage(message).setAuthor("Test", "test@example.com")
                .setCommitter("Test", "test@example.com").setSign(false).call();
    }

    private static PushResult push(Git git, String token, String ref) throws Exception {
        Iterable<PushResult> results = git.push().setRemote("origin").setRefSpecs(new RefSpec("HEAD:" + ref))
                .setCredentialsProvider(new UsernamePasswordCredentialsProvider("x-access-token", token)).call();
        return results.iterator().next();
    }

    private String head(String branch) {
        return GitCli.lines(bare, "rev-parse", "refs/heads/" + branch).get(0);
    }
}
