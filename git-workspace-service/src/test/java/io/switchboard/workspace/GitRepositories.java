package io.switchboard.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/** Looks into a project's bare repository on disk the way any git client would, bypassing the service. */
final class GitRepositories {

    private GitRepositories() {
    }

    static Optional<String> branchHead(Path repository, String branch) {
        try (Repository repo = open(repository)) {
            return Optional.ofNullable(repo.exactRef(Constants.R_HEADS + branch))
                    .map(Ref::getObjectId)
                    .map(ObjectId::name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String headTarget(Path repository) {
        try (Repository repo = open(repository)) {
            return repo.exactRef(Constants.HEAD).getTarget().getName();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RevCommit commit(Path repository, String commitId) {
        try (Repository repo = open(repository); RevWalk walk = new RevWalk(repo)) {
            return walk.parseCommit(ObjectId.fromString(commitId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Commits one file onto a branch, as an agent's edit would, and returns the new commit id. */
    static String commitFile(Path repository, String branch, String fileName, String content) {
        return commitFile(repository, branch, fileName, content, "Add " + fileName + "\n");
    }

    static String commitFile(Path repository, String branch, String fileName, String content, String message) {
        try (Repository repo = open(repository); ObjectInserter inserter = repo.newObjectInserter()) {
            ObjectId parent = repo.exactRef(Constants.R_HEADS + branch).getObjectId();
            TreeFormatter tree = new TreeFormatter();
            tree.append(fileName, FileMode.REGULAR_FILE, inserter.insert(Constants.OBJ_BLOB,
                    content.getBytes(StandardCharsets.UTF_8)));
            PersonIdent agent = new PersonIdent("Test agent", "agent@test");
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(tree.insertTo(inserter));
            commit.setParentId(parent);
            commit.setAuthor(agent);
            commit.setCommitter(agent);
            commit.setMessage(message);
            ObjectId commitId = inserter.insert(commit);
            inserter.flush();
            RefUpdate update = repo.updateRef(Constants.R_HEADS + branch);
            update.setExpectedOldObjectId(parent);
            update.setNewObjectId(commitId);
            RefUpdate.Result result = update.update();
            if (result != RefUpdate.Result.FAST_FORWARD) {
                throw new IllegalStateException("Could not move " + branch + ": " + result);
            }
            return commitId.name();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Repository open(Path repository) throws IOException {
        return new FileRepositoryBuilder().setGitDir(repository.toFile()).setMustExist(true).build();
    }
}
