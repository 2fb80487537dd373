package io.switchboard.workspace.service;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.switchboard.workspace.config.WorkspaceConfig;
import io.switchboard.workspace.git.RepositoryMaintenance;
import io.switchboard.workspace.git.RepositoryMaintenance.Collected;

/**
 * Collects every project repository once per interval. One project at a time, each under its project's lock, so a
 * collection pauses only that project's writes; a repository another replica collected within the interval is
 * skipped. A failing project is logged and the next one goes on.
 */
@ApplicationScoped
public class ScheduledGarbageCollection {

    private final RepositoryMaintenance maintenance;
    private final WorkspaceConfig.Gc config;
    private final Counter collected;
    private final Counter failed;

    public ScheduledGarbageCollection(RepositoryMaintenance maintenance, WorkspaceConfig config,
            MeterRegistry registry) {
        this.maintenance = maintenance;
        this.config = config.gc();
        this.collected = Counter.builder("switchboard.workspace.gc.collected")
                .description("Project repositories garbage-collected").register(registry);
        this.failed = Counter.builder("switchboard.workspace.gc.failed")
                .description("Project repository collections that failed").register(registry);
    }

    @Scheduled(every = "${switchboard.workspace.gc.interval}", delayed = "${switchboard.workspace.gc.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        if (config.enabled()) {
            collectAll();
        }
    }

    /** Collects each project not collected within half an interval; answers how many were collected. */
    public int collectAll() {
        Instant now = Instant.now();
        Instant collectedSince = now.minus(config.interval().dividedBy(2));
        Instant pruneBefore = now.minus(config.pruneAfter());
        int done = 0;
        for (UUID projectId : maintenance.projects()) {
            try {
                Optional<Collected> result = maintenance.collect(projectId, collectedSince, pruneBefore);
                if (result.isPresent()) {
                    done++;
                    collected.increment();
                    Log.infof("Project %s: repository collected, objects %d -> %d bytes", projectId,
                            result.get().bytesBefore(), result.get().bytesAfter());
                }
            } catch (RuntimeException e) {
                failed.increment();
                Log.errorf(e, "Project %s: garbage collection failed; the repository is left as it was", projectId);
            }
        }
        return done;
    }
}
