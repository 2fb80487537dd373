package io.switchboard.workspace.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.errors.NotSupportedException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.ProgressMonitor;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

import io.switchboard.workspace.config.WorkspaceConfig;

/**
 * Brings an existing repository's branches and tags into a new project's repository. Fetching goes to a namespace
 * of its own ({@value #STAGING}), outside any lock: it may take minutes and touches no branch. Installing then
 * happens at once under the project's lock: the fetched branches and tags become the project's, the remote's
 * default branch its default branch, and every chat branch (all still at the initial commit) moves to its head.
 */
@ApplicationScoped
public class RepositoryImporter {

    static final String STAGING = "refs/switchboard-import/";
    private static final String STAGED_HEADS = STAGING + "heads/";
    private static final String STAGED_TAGS = STAGING + "tags/";

    private final ProjectRepositories repositories;
    private final RepositoryLocks locks;
    private final WorkspaceConfig config;

    public RepositoryImporter(ProjectRepositories repositories, RepositoryLocks locks, WorkspaceConfig config) {
        this.repositories = repositories;
        this.locks = locks;
        this.config = config;
    }

    /** Refuses, before anything is fetched, a project whose repository has history of its own. */
    public void requireFresh(UUID projectId) {
        if (!repositories.exists(projectId)) {
            throw new GitFailure("the project has no repository yet; try again once its first chat is ready");
        }
        try (Repository repository = repositories.open(projectId)) {
            requireFresh(repository);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Fetches every branch and tag of the source. The chosen default branch is {@code branch} when given, else the
     * one the source's HEAD names, else {@code main}, else {@code master}, else the first in name order.
     */
    public Fetched fetch(UUID projectId, ImportSource source, String branch, ProgressMonitor progress) {
        try (Repository repository = repositories.open(projectId)) {
            FetchResult result = fetchToStaging(repository, source, progress);
            Map<String, ObjectId> branches = staged(repository, STAGED_HEADS);
            Map<String, ObjectId> tags = staged(repository, STAGED_TAGS);
            if (branches.isEmpty()) {
                throw new GitFailure("the repository has no branches to import");
            }
            return new Fetched(branches, tags, chooseDefault(branches, branch, result));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Fetches the source again and brings the project up to it: a branch the source moved on is fast-forwarded,
     * a new one created, new tags added. A branch that went its own way here (a local merge into it, say) is left
     * alone and reported as diverged; chats' branches and existing tags are never moved.
     */
    public Refreshed refresh(UUID projectId, ImportSource source, Set<String> chatBranches) {
        try (Repository repository = repositories.open(projectId)) {
            fetchToStaging(repository, source, NullProgressMonitor.INSTANCE);
            Map<String, ObjectId> branches = staged(repository, STAGED_HEADS);
            Map<String, ObjectId> tags = staged(repository, STAGED_TAGS);
            return locks.withLock(projectId, () -> {
                try {
                    Refreshed refreshed = bringUp(repository, branches, chatBranches);
                    for (Map.Entry<String, ObjectId> tag : tags.entrySet()) {
                        if (repository.exactRef(Constants.R_TAGS + tag.getKey()) == null) {
                            force(repository, Constants.R_TAGS + tag.getKey(), tag.getValue());
                        }
                    }
                    clearStaging(repository);
                    return refreshed;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Refreshed bringUp(Repository repository, Map<String, ObjectId> fetched, Set<String> chatBranches)
            throws IOException {
        List<String> created = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        List<String> diverged = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repository)) {
            for (Map.Entry<String, ObjectId> branch : fetched.entrySet()) {
                if (chatBranches.contains(branch.getKey())) {
                    continue;
                }
                Ref local = repository.exactRef(Constants.R_HEADS + branch.getKey());
                if (local == null) {
                    force(repository, Constants.R_HEADS + branch.getKey(), branch.getValue());
                    created.add(branch.getKey());
                } else if (!local.getObjectId().equals(branch.getValue())) {
                    RevCommit here = walk.parseCommit(local.getObjectId());
                    RevCommit there = walk.parseCommit(branch.getValue());
                    if (walk.isMergedInto(here, there)) {
                        force(repository, Constants.R_HEADS + branch.getKey(), branch.getValue());
                        updated.add(branch.getKey());
                    } else {
                        diverged.add(branch.getKey());
                    }
                    walk.reset();
                }
            }
        }
        return new Refreshed(created, updated, diverged);
    }

    private FetchResult fetchToStaging(Repository repository, ImportSource source, ProgressMonitor progress)
            throws IOException {
        clearStaging(repository);
        try (Git git = Git.wrap(repository)) {
            return git.fetch()
                    .setRemote(source.location())
                    .setRefSpecs(new RefSpec("+" + Constants.R_HEADS + "*:" + STAGED_HEADS + "*"),
                            new RefSpec("+" + Constants.R_TAGS + "*:" + STAGED_TAGS + "*"))
                    .setTagOpt(TagOpt.NO_TAGS)
                    .setRemoveDeletedRefs(false)
                    .setCredentialsProvider(source.token() == null ? null
                            : new UsernamePasswordCredentialsProvider("x-access-token", source.token()))
                    .setTimeout((int) config.imports().networkTimeout().toSeconds())
                    .setProgressMonitor(progress)
                    .call();
        } catch (TransportException e) {
            throw new GitFailure(transportReason(source, e), e);
        } catch (GitAPIException e) {
            throw new GitFailure("fetching from " + source.display() + " failed", e);
        }
    }

    /**
     * Makes the fetched history the project's and moves the chat branches to the new default branch's head.
     * Holds the project's lock; checks again that nothing committed meanwhile. Answers the new head.
     */
    public String install(UUID projectId, Fetched fetched, Set<String> chatBranches) {
        return locks.withLock(projectId, () -> {
            try (Repository repository = repositories.open(projectId)) {
                ObjectId initial = requireFresh(repository);
                String previousDefault = Repository.shortenRefName(repository.exactRef(Constants.HEAD).getTarget()
                        .getName());
                for (Map.Entry<String, ObjectId> branch : fetched.branches().entrySet()) {
                    if (!chatBranches.contains(branch.getKey())) {
                        force(repository, Constants.R_HEADS + branch.getKey(), branch.getValue());
                    }
                }
                for (Map.Entry<String, ObjectId> tag : fetched.tags().entrySet()) {
                    force(repository, Constants.R_TAGS + tag.getKey(), tag.getValue());
                }
                ObjectId head = fetched.branches().get(fetched.defaultBranch());
                RefUpdate.Result linked = repository.updateRef(Constants.HEAD)
                        .link(Constants.R_HEADS + fetched.defaultBranch());
                if (linked != RefUpdate.Result.FORCED && linked != RefUpdate.Result.NO_CHANGE
                        && linked != RefUpdate.Result.NEW) {
                    throw new GitFailure("the default branch could not be set (" + linked + ")");
                }
                for (String chatBranch : chatBranches) {
                    force(repository, Constants.R_HEADS + chatBranch, head);
                }
                Ref previous = repository.exactRef(Constants.R_HEADS + previousDefault);
                if (!fetched.branches().containsKey(previousDefault) && previous != null
                        && initial.equals(previous.getObjectId())) {
                    delete(repository, Constants.R_HEADS + previousDefault);
                }
                clearStaging(repository);
                return head.name();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Removes what a failed fetch left staged; its objects go at the next garbage collection. */
    public void discard(UUID projectId) {
        if (!repositories.exists(projectId)) {
            return;
        }
        try (Repository repository = repositories.open(projectId)) {
            clearStaging(repository);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // Fresh: every branch is at the one commit the repository was created with (no parent, empty tree).
    private static ObjectId requireFresh(Repository repository) throws IOException {
        ObjectId emptyTree;
        try (ObjectInserter inserter = repository.newObjectInserter()) {
            emptyTree = inserter.idFor(Constants.OBJ_TREE, new byte[0]);
        }
        ObjectId initial = null;
        try (RevWalk walk = new RevWalk(repository)) {
            for (Ref ref : repository.getRefDatabase().getRefsByPrefix(Constants.R_HEADS)) {
                RevCommit commit = walk.parseCommit(ref.getObjectId());
                boolean pristine = commit.getParentCount() == 0 && commit.getTree().getId().equals(emptyTree);
                if (!pristine || initial != null && !initial.equals(commit.getId())) {
                    throw notFresh();
                }
                initial = commit.getId();
            }
        }
        if (initial == null) {
            throw notFresh();
        }
        return initial;
    }

    private static GitFailure notFresh() {
        return new GitFailure("the project's repository already has history of its own; import into a new project");
    }

    private static String chooseDefault(Map<String, ObjectId> branches, String wanted, FetchResult result) {
        if (wanted != null) {
            if (!branches.containsKey(wanted)) {
                throw new GitFailure("the repository has no branch '" + wanted + "'");
            }
            return wanted;
        }
        Ref head = result.getAdvertisedRef(Constants.HEAD);
        if (head != null && head.isSymbolic()) {
            String target = head.getTarget().getName();
            if (target.startsWith(Constants.R_HEADS) && branches.containsKey(target.substring(
                    Constants.R_HEADS.length()))) {
                return target.substring(Constants.R_HEADS.length());
            }
        }
        for (String usual : List.of("main", "master")) {
            if (branches.containsKey(usual)) {
                return usual;
            }
        }
        return branches.keySet().iterator().next();
    }

    private static Map<String, ObjectId> staged(Repository repository, String prefix) throws IOException {
        Map<String, ObjectId> found = new TreeMap<>();
        for (Ref ref : repository.getRefDatabase().getRefsByPrefix(prefix)) {
            ObjectId id = ref.getObjectId();
            String name = ref.getName().substring(prefix.length());
            if (id != null && Repository.isValidRefName(Constants.R_HEADS + name)) {
                found.put(name, id);
            }
        }
        return found;
    }

    private static void clearStaging(Repository repository) throws IOException {
        List<Ref> staged = new ArrayList<>(repository.getRefDatabase().getRefsByPrefix(STAGING));
        for (Ref ref : staged) {
            delete(repository, ref.getName());
        }
    }

    private void force(Repository repository, String ref, ObjectId id) throws IOException {
        RefUpdate update = repository.updateRef(ref);
        update.setNewObjectId(id);
        update.setForceUpdate(true);
        update.setRefLogIdent(new PersonIdent(config.committer().name(), config.committer().email()));
        update.setRefLogMessage("import", false);
        RefUpdate.Result result = update.update();
        if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FORCED
                && result != RefUpdate.Result.NO_CHANGE && result != RefUpdate.Result.FAST_FORWARD) {
            throw new GitFailure("could not set " + Repository.shortenRefName(ref) + " (" + result + ")");
        }
    }

    private static void delete(Repository repository, String ref) throws IOException {
        RefUpdate update = repository.updateRef(ref);
        update.setForceUpdate(true);
        RefUpdate.Result result = update.delete();
        if (result != RefUpdate.Result.FORCED && result != RefUpdate.Result.NO_CHANGE
                && result != RefUpdate.Result.FAST_FORWARD) {
            throw new IOException("Cannot delete " + ref + ": " + result);
        }
    }

    // JGit's messages name the URL as given, which carries no credentials; the token is never part of them.
    private static String transportReason(ImportSource source, TransportException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (message.contains("not authorized") || message.contains("authentication is required")
                || message.contains("401") || message.contains("403")) {
            return "the repository refused access: check the access token";
        }
        if (e.getCause() instanceof NotSupportedException || message.contains("not found")
                || message.contains("404")) {
            return "no git repository was found at " + source.display();
        }
        if (message.contains("timeout") || message.contains("timed out")) {
            return "fetching from " + source.display() + " timed out";
        }
        return "fetching from " + source.display() + " failed";
    }

    /** What a refresh did to the project's branches, by name. */
    public record Refreshed(List<String> created, List<String> updated, List<String> diverged) {
    }

    /** What a fetch staged: branches and tags by short name, and the branch that becomes the default. */
    public record Fetched(Map<String, ObjectId> branches, Map<String, ObjectId> tags, String defaultBranch) {

        public Fetched {
            branches = new LinkedHashMap<>(branches);
            tags = new LinkedHashMap<>(tags);
        }
    }
}
