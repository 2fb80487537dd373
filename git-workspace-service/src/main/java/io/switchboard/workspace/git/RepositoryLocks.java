package io.switchboard.workspace.git;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * One writer at a time per project repository. JGit takes file locks (index.lock, ref locks) and
 * fails rather than waits when another writer holds them, so concurrent writes to one repository
 * are queued here instead; different projects never wait for each other.
 */
@ApplicationScoped
public class RepositoryLocks {

    private final Map<UUID, ReentrantLock> locks = new ConcurrentHashMap<>();

    public <T> T withLock(UUID projectId, Supplier<T> work) {
        ReentrantLock lock = locks.computeIfAbsent(projectId, id -> new ReentrantLock(true));
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
