package io.switchboard.workspace.service;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.mutiny.Uni;
import io.switchboard.kit.problem.ProblemException;
import io.switchboard.workspace.config.WorkspaceConfig;
import io.switchboard.workspace.git.DiskUsage;
import io.switchboard.workspace.git.GitWorker;

/**
 * Keeps each tenant within its disk quota. A tenant's usage (its project repositories and its chats' working
 * directories) is measured on disk at most once per {@code remeasure-after}, and what this replica writes in
 * between is added to it; a write or an import that would pass the quota is refused with {@code 507}. Other
 * replicas' writes show at the next measurement, so the quota holds within a few writes, not to the byte.
 */
@ApplicationScoped
public class TenantQuota {

    public static final String EXCEEDED = "urn:switchboard:problem:disk-quota-exceeded";

    private final WorkspaceStore store;
    private final DiskUsage disk;
    private final GitWorker git;
    private final WorkspaceConfig.Quota config;
    private final Map<String, Measured> usage = new ConcurrentHashMap<>();

    public TenantQuota(WorkspaceStore store, DiskUsage disk, GitWorker git, WorkspaceConfig config) {
        this.store = store;
        this.disk = disk;
        this.git = git;
        this.config = config.quota();
    }

    /** Fails with 507 when the tenant's data and {@code adding} more bytes would not fit its quota. */
    public Uni<Void> require(String tenantId, long adding) {
        MemorySize quota = config.tenants().getOrDefault(tenantId, config.perTenant().orElse(null));
        if (quota == null) {
            return Uni.createFrom().voidItem();
        }
        long limit = quota.asLongValue();
        return used(tenantId).invoke(used -> {
            if (used + adding > limit) {
                Log.warnf("Tenant %s: %d bytes more refused, %d of %d bytes used", tenantId, adding, used, limit);
                throw exceeded(used, limit);
            }
        }).replaceWithVoid();
    }

    /** Counts bytes this replica just wrote for the tenant. */
    public void added(String tenantId, long bytes) {
        usage.computeIfPresent(tenantId, (tenant, measured) -> measured.plus(bytes));
    }

    /** Forgets what the tenant used, so the next check measures again: after imports and deletions. */
    public void remeasure(String tenantId) {
        usage.remove(tenantId);
    }

    /** The tenant's usage in bytes, measured again when older than the configured age. */
    public Uni<Long> used(String tenantId) {
        Measured known = usage.get(tenantId);
        if (known != null && known.age().compareTo(config.remeasureAfter()) < 0) {
            return Uni.createFrom().item(known.bytes());
        }
        return store.footprint(tenantId)
                .chain(footprint -> git.run(() -> disk.of(footprint.projects(), footprint.chats())))
                .invoke(bytes -> usage.put(tenantId, new Measured(bytes, System.nanoTime())));
    }

    private static ProblemException exceeded(long used, long limit) {
        return new ProblemException(507, EXCEEDED, "Disk quota exceeded",
                "The tenant's repositories and working directories use " + megabytes(used) + " of its "
                        + megabytes(limit) + "; delete or archive chats, or ask for a larger quota");
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
    }

    private record Measured(long bytes, long measuredAtNanos) {

        Measured plus(long more) {
            return new Measured(bytes + more, measuredAtNanos);
        }

        Duration age() {
            return Duration.ofNanos(System.nanoTime() - measuredAtNanos);
        }
    }
}
