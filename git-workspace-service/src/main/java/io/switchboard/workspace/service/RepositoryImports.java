package io.switchboard.workspace.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.events.workspace.RepositoryImport;
import io.switchboard.kit.concurrent.SerialTasks;
import io.switchboard.kit.problem.ProblemException;
import io.switchboard.kit.security.Caller;
import io.switchboard.workspace.api.FetchRequest;
import io.switchboard.workspace.api.FetchResult;
import io.switchboard.workspace.api.ImportRequest;
import io.switchboard.workspace.api.ImportStatus;
import io.switchboard.workspace.config.WorkspaceConfig;
import io.switchboard.workspace.git.ChatBranches;
import io.switchboard.workspace.git.GitFailure;
import io.switchboard.workspace.git.GitWorker;
import io.switchboard.workspace.git.ImportProgress;
import io.switchboard.workspace.git.ImportSource;
import io.switchboard.workspace.git.ImportSources;
import io.switchboard.workspace.git.ProjectRepositories;
import io.switchboard.workspace.git.RepositoryImporter;
import io.switchboard.workspace.git.RepositoryImporter.Fetched;
import io.switchboard.workspace.git.RepositoryLocks;
import io.switchboard.workspace.git.RepositoryMaintenance;
import io.switchboard.workspace.git.WorkingDirectories;
import io.switchboard.workspace.repository.ProjectImport;
import io.switchboard.workspace.repository.Workspace;
import io.vertx.core.Context;

/**
 * Imports an existing repository into a new project in the background. The request checks the source and the
 * project and answers at once; a job on a small pool of its own fetches (minutes, maybe), then installs the history
 * under the locks of the project's chats and of the project, and announces every step on each chat of the project
 * as {@code RepositoryImport}. A failure is recorded with its reason and can be retried by starting again.
 */
@ApplicationScoped
public class RepositoryImports {

    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(1);
    /** Progress is announced on the chats at each new phase and every this many percent; stored every second. */
    private static final int ANNOUNCED_STEP = 25;

    private final ImportSources sources;
    private final RepositoryImporter importer;
    private final ImportStore store;
    private final WorkspaceStore workspaces;
    private final ConflictRadarRefresh radar;
    private final TenantQuota quota;
    private final RepositoryMaintenance maintenance;
    private final ProjectRepositories repositories;
    private final ChatBranches branches;
    private final ProjectWorkspaces projects;
    private final RepositoryLocks locks;
    private final WorkingDirectories directories;
    private final GitWorker git;
    private final BackgroundContexts contexts;
    private final WorkspaceConfig.Imports config;
    private final ExecutorService jobs;

    public RepositoryImports(ImportSources sources, RepositoryImporter importer, ImportStore store,
            WorkspaceStore workspaces, ProjectWorkspaces projects, RepositoryLocks locks,
            WorkingDirectories directories, GitWorker git, BackgroundContexts contexts, WorkspaceConfig config,
            ConflictRadarRefresh radar, TenantQuota quota, RepositoryMaintenance maintenance,
            ProjectRepositories repositories, ChatBranches branches) {
        this.repositories = repositories;
        this.branches = branches;
        this.radar = radar;
        this.quota = quota;
        this.maintenance = maintenance;
        this.sources = sources;
        this.importer = importer;
        this.store = store;
        this.workspaces = workspaces;
        this.projects = projects;
        this.locks = locks;
        this.directories = directories;
        this.git = git;
        this.contexts = contexts;
        this.config = config.imports();
        AtomicInteger threads = new AtomicInteger();
        this.jobs = Executors.newFixedThreadPool(this.config.maxConcurrent(), runnable -> {
            Thread thread = new Thread(runnable, "repository-import-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void stop() {
        jobs.shutdownNow();
    }

    public Uni<ImportStatus> start(UUID projectId, Caller caller, ImportRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("A body {\"url\" or \"path\", \"token\"?, \"branch\"?} is required");
        }
        String branch = validBranch(request.branch());
        String tenant = caller.tenantId();
        // Resolving the host blocks, so the source is checked off the event loop.
        return projects.owned(projectId, caller)
                .call(project -> quota.require(tenant, 0))
                .chain(project -> onDisk(() -> {
                    ImportSource source = sources.check(request.url(), request.path(), request.token());
                    importer.requireFresh(projectId);
                    return source;
                }))
                .chain(source -> store.begin(projectId, tenant, source.display(), source.isLocal(), branch,
                        staleBefore())
                        .invoke(row -> launch(new Job(projectId, tenant, row.attempt(), source, branch)))
                        .map(RepositoryImports::statusOf));
    }

    public Uni<ImportStatus> status(UUID projectId, Caller caller) {
        return projects.owned(projectId, caller)
                .chain(project -> store.find(projectId, caller.tenantId()))
                .map(row -> {
                    if (row == null) {
                        throw ProblemException.notFound("Import of project", projectId);
                    }
                    ImportStatus status = statusOf(row);
                    if (RepositoryImport.CLONING.equals(row.state()) && row.updatedAt().isBefore(staleBefore())) {
                        // Its job died with a replica; starting again takes over.
                        return new ImportStatus(status.projectId(), status.source(), status.branch(),
                                RepositoryImport.FAILED, status.phase(), status.percent(),
                                "the import was interrupted; start it again", null, null, status.startedAt(),
                                status.updatedAt());
                    }
                    return status;
                });
    }

    /** Fetches the project's source again (see RepositoryImporter#refresh); the caller names the token again. */
    public Uni<FetchResult> fetch(UUID projectId, Caller caller, FetchRequest request) {
        String token = request == null ? null : request.token();
        String tenant = caller.tenantId();
        return projects.owned(projectId, caller)
                .chain(project -> store.find(projectId, tenant))
                .invoke(row -> {
                    if (row == null || !RepositoryImport.IMPORTED.equals(row.state())) {
                        throw ProblemException.conflict("The project was not imported from a repository");
                    }
                })
                .call(row -> quota.require(tenant, 0))
                .chain(row -> workspaces.readyChats(projectId, tenant).map(chats -> new Refreshing(row, chats)))
                .chain(refreshing -> onDisk(() -> {
                    ProjectImport row = refreshing.row();
                    ImportSource source = row.fromLocalPath() ? sources.check(null, row.source(), null)
                            : sources.check(row.source(), null, token);
                    Set<String> chatBranches = new HashSet<>();
                    refreshing.chats().forEach(chat -> chatBranches.add(chat.branch()));
                    RepositoryImporter.Refreshed done = importer.refresh(projectId, source, chatBranches);
                    String defaultBranch = repositories.defaultBranch(projectId);
                    String head = branches.head(projectId, defaultBranch).orElse(null);
                    Log.infof("Project %s: fetched %s again: %d branches created, %d updated, %d diverged",
                            projectId, source.display(), done.created().size(), done.updated().size(),
                            done.diverged().size());
                    return new FetchResult(projectId.toString(), source.display(), done.created(), done.updated(),
                            done.diverged(), defaultBranch, head);
                }))
                .invoke(result -> {
                    quota.remeasure(tenant);
                    radar.request(projectId, tenant);
                });
    }

    private void launch(Job job) {
        Context context = contexts.newContext();
        // The job's database work shares the context's session, so it runs one step at a time, progress included.
        SerialTasks database = new SerialTasks(context);
        Log.infof("Project %s: importing %s (attempt %d)", job.projectId(), job.source().display(), job.attempt());
        Uni.createFrom().item(() -> fetch(job, database))
                .runSubscriptionOn(jobs)
                .chain(fetched -> database.submit(() -> workspaces.readyChats(job.projectId(), job.tenant())
                        .chain(chats -> overQuota(job.tenant()).map(over -> new Installing(fetched, chats, over)))))
                .emitOn(jobs)
                .map(installing -> install(job, installing))
                .chain(done -> database.submit(() -> store.imported(job.projectId(), job.tenant(), job.attempt(),
                        done.fetched().defaultBranch(), done.head(), done.moved()))
                        .invoke(() -> radar.request(job.projectId(), job.tenant()))
                        .invoke(() -> quota.remeasure(job.tenant()))
                        .invoke(() -> Log.infof("Project %s: imported %s, default branch %s at %s, %d chats moved",
                                job.projectId(), job.source().display(), done.fetched().defaultBranch(), done.head(),
                                done.moved().size())))
                .onFailure().recoverWithUni(failure -> {
                    discardQuietly(job);
                    String reason = reasonFor(job, failure);
                    return database.submit(() -> store.failed(job.projectId(), job.tenant(), job.attempt(), reason));
                })
                .subscribe().with(ignored -> { }, failure -> Log.errorf(failure,
                        "Project %s: the import's outcome could not be recorded", job.projectId()));
    }

    private Fetched fetch(Job job, SerialTasks database) {
        int[] announcedAt = {-ANNOUNCED_STEP};
        String[] announcedPhase = {null};
        ImportProgress progress = new ImportProgress(PROGRESS_INTERVAL, (phase, percent) -> {
            int current = percent == null ? 0 : percent;
            boolean announce = !Objects.equals(phase, announcedPhase[0]) || current >= announcedAt[0] + ANNOUNCED_STEP;
            if (announce) {
                announcedPhase[0] = phase;
                announcedAt[0] = current;
            }
            database.submit(() -> store.progressed(job.projectId(), job.tenant(), job.attempt(), phase, percent,
                    announce)).subscribe().with(ignored -> { }, failure -> Log.warnf(failure,
                            "Project %s: import progress not recorded", job.projectId()));
        });
        return importer.fetch(job.projectId(), job.source(), job.branch(), progress);
    }

    /** Why the fetched history does not fit the tenant's disk quota; null when it does. */
    private Uni<String> overQuota(String tenant) {
        quota.remeasure(tenant);
        return quota.require(tenant, 0).replaceWith((String) null)
                .onFailure(ProblemException.class).recoverWithItem(Throwable::getMessage);
    }

    /** Holds every chat's lock, then the project's, so no tool call sees a half-moved branch. */
    private Installed install(Job job, Installing installing) {
        List<Workspace> chats = installing.chats();
        if (installing.overQuota() != null) {
            // No chat can be writing objects while its lock is held, so what the fetch brought goes at once.
            holdingChats(chats, 0, () -> {
                importer.discard(job.projectId());
                maintenance.collect(job.projectId(), Instant.now(), Instant.now().plusSeconds(1));
                return null;
            });
            quota.remeasure(job.tenant());
            throw new GitFailure("the repository does not fit the tenant's disk quota: " + installing.overQuota());
        }
        Set<String> branches = new HashSet<>();
        List<UUID> moved = new ArrayList<>();
        chats.forEach(chat -> {
            branches.add(chat.branch());
            moved.add(chat.chatId());
        });
        String head = holdingChats(chats, 0, () -> {
            chats.forEach(chat -> clearWorkingDirectory(job.projectId(), chat));
            return importer.install(job.projectId(), installing.fetched(), branches);
        });
        return new Installed(installing.fetched(), head, moved);
    }

    private String holdingChats(List<Workspace> chats, int index, Supplier<String> work) {
        if (index == chats.size()) {
            return work.get();
        }
        return locks.withChatLock(chats.get(index).chatId(), () -> holdingChats(chats, index + 1, work));
    }

    // A checked-out directory would keep the old files; it is checked out again, from the new head, on next use.
    private void clearWorkingDirectory(UUID projectId, Workspace chat) {
        if (!directories.isMaterialised(projectId, chat.chatId())) {
            return;
        }
        try (Repository repository = directories.open(projectId, chat.chatId(), chat.branch());
                Git worktree = Git.wrap(repository)) {
            if (!worktree.status().call().isClean()) {
                throw new GitFailure("chat " + chat.chatId() + " has uncommitted changes in its working directory");
            }
        } catch (GitAPIException e) {
            throw new GitFailure("the working directory of chat " + chat.chatId() + " could not be read", e);
        }
        directories.remove(projectId, chat.chatId());
    }

    private void discardQuietly(Job job) {
        try {
            importer.discard(job.projectId());
        } catch (RuntimeException e) {
            Log.warnf(e, "Project %s: what the failed import staged is left for garbage collection", job.projectId());
        }
    }

    private static String reasonFor(Job job, Throwable failure) {
        if (failure instanceof GitFailure known) {
            // The cause stays in the log for operators; the user's reason names no internals.
            Log.warnf(known.getCause(), "Project %s: import of %s failed: %s", job.projectId(),
                    job.source().display(), known.getMessage());
            return known.getMessage();
        }
        Log.errorf(failure, "Project %s: import of %s failed", job.projectId(), job.source().display());
        return "the import failed; the service log has the details";
    }

    private <T> Uni<T> onDisk(Supplier<T> work) {
        return git.run(work).onFailure(GitFailure.class)
                .transform(failure -> ProblemException.conflict(failure.getMessage()));
    }

    private Instant staleBefore() {
        return Instant.now().minus(config.staleAfter());
    }

    private static String validBranch(String branch) {
        if (branch == null) {
            return null;
        }
        if (branch.isEmpty() || branch.length() > 255 || !Repository.isValidRefName(Constants.R_HEADS + branch)
                || branch.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw ProblemException.badRequest("branch is not a valid branch name");
        }
        return branch;
    }

    static ImportStatus statusOf(ProjectImport row) {
        return new ImportStatus(row.projectId().toString(), row.source(), row.branch(), row.state(), row.phase(),
                row.percent(), row.reason(), row.defaultBranch(), row.headCommit(), row.startedAt(),
                row.updatedAt());
    }

    private record Job(UUID projectId, String tenant, long attempt, ImportSource source, String branch) {
    }

    private record Refreshing(ProjectImport row, List<Workspace> chats) {
    }

    private record Installing(Fetched fetched, List<Workspace> chats, String overQuota) {
    }

    private record Installed(Fetched fetched, String head, List<UUID> moved) {
    }
}
