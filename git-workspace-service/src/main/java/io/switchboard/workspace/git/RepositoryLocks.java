package io.switchboard.workspace.git;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.switchboard.kit.problem.ProblemException;

/**
 * One writer at a time per project repository, and one operation at a time per chat working directory, across
 * every replica that shares the data directory. JGit takes file locks (index.lock, ref locks) and fails rather
 * than waits when another writer holds them, so writers queue here instead: first on a fair lock in this JVM, so
 * its threads wait without a database connection each, then on a PostgreSQL advisory lock, which every replica
 * sees and the database releases by itself when a replica dies. Different projects and chats never wait for each
 * other.
 *
 * <p>A thread holds one connection for all the advisory locks it has (a chat's, then its project's), so nested
 * locks never need a second connection from the pool.
 */
@ApplicationScoped
public class RepositoryLocks {

    /** Keeps the advisory lock keys of projects and of chats apart, although both are UUIDs. */
    private static final long PROJECT_SPACE = 0x5057_524F_4A45_4354L;
    private static final long CHAT_SPACE = 0x4348_4154_5357_4F52L;
    private static final String LOCK_TIMEOUT = "120s";

    private final Map<UUID, ReentrantLock> projectLocks = new ConcurrentHashMap<>();
    private final Map<UUID, ReentrantLock> chatLocks = new ConcurrentHashMap<>();
    private final ThreadLocal<HeldConnection> held = new ThreadLocal<>();
    private final AgroalDataSource dataSource;

    public RepositoryLocks(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs the work holding the project repository's lock. */
    public <T> T withLock(UUID projectId, Supplier<T> work) {
        return hold(projectLocks, projectId, projectKey(projectId), work);
    }

    /** Runs the work holding the chat working directory's lock; take it before its project's lock, never after. */
    public <T> T withChatLock(UUID chatId, Supplier<T> work) {
        return hold(chatLocks, chatId, chatKey(chatId), work);
    }

    /** The advisory lock key of a project's repository. */
    public static long projectKey(UUID projectId) {
        return key(projectId, PROJECT_SPACE);
    }

    /** The advisory lock key of a chat's working directory. */
    public static long chatKey(UUID chatId) {
        return key(chatId, CHAT_SPACE);
    }

    private <T> T hold(Map<UUID, ReentrantLock> locks, UUID id, long key, Supplier<T> work) {
        ReentrantLock lock = locks.computeIfAbsent(id, ignored -> new ReentrantLock(true));
        lock.lock();
        try {
            if (lock.getHoldCount() > 1) {
                // This thread holds it already, advisory lock included.
                return work.get();
            }
            HeldConnection connection = acquire(key);
            try {
                return work.get();
            } finally {
                release(connection, key);
            }
        } finally {
            lock.unlock();
        }
    }

    private HeldConnection acquire(long key) {
        HeldConnection current = held.get();
        try {
            if (current == null) {
                current = new HeldConnection(dataSource.getConnection());
                try (Statement statement = current.connection.createStatement()) {
                    statement.execute("SET lock_timeout = '" + LOCK_TIMEOUT + "'");
                }
                held.set(current);
            }
            advisory(current.connection, "SELECT pg_advisory_lock(?)", key);
            current.depth++;
            return current;
        } catch (SQLException e) {
            if (current != null && current.depth == 0) {
                close(current);
            }
            Log.errorf(e, "A repository lock could not be taken");
            throw ProblemException.unavailable("The repository is busy or its lock could not be taken; try again");
        }
    }

    private void release(HeldConnection current, long key) {
        try {
            advisory(current.connection, "SELECT pg_advisory_unlock(?)", key);
        } catch (SQLException e) {
            // Held until the connection is closed below with the thread's last lock: closing ends the session,
            // which releases every advisory lock it held.
            Log.warnf(e, "A repository lock could not be released; it is released when its connection closes");
        }
        if (--current.depth == 0) {
            close(current);
        }
    }

    private void close(HeldConnection current) {
        held.remove();
        try {
            current.connection.close();
        } catch (SQLException e) {
            Log.warnf(e, "Closing a repository lock connection failed");
        }
    }

    private static void advisory(Connection connection, String sql, long key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, key);
            statement.execute();
        }
    }

    private static long key(UUID id, long space) {
        return id.getMostSignificantBits() ^ Long.rotateLeft(id.getLeastSignificantBits(), 17) ^ space;
    }

    /** The connection whose session holds this thread's advisory locks, and how many it holds. */
    private static final class HeldConnection {

        private final Connection connection;
        private int depth;

        private HeldConnection(Connection connection) {
            this.connection = connection;
        }
    }
}
