package io.switchboard.testing.postgres;

import java.time.Duration;
import java.util.UUID;

import io.vertx.mutiny.sqlclient.Pool;

/**
 * Makes the real database refuse inserts into a table that match a condition, with a given SQLSTATE, as
 * PostgreSQL refuses data it cannot store. The events contract now stops every text PostgreSQL would refuse
 * before it reaches a handler, so the test plants the refusal with a trigger instead. Closing removes it.
 */
public final class RefusedInserts implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Pool pool;
    private final String table;
    private final String name;

    private RefusedInserts(Pool pool, String table, String name) {
        this.pool = pool;
        this.table = table;
        this.name = name;
    }

    /** Every matching insert fails. */
    public static RefusedInserts always(Pool pool, String table, String condition, String sqlState, String message) {
        return plant(pool, table, condition, sqlState, message, Long.MAX_VALUE);
    }

    /** The first {@code times} matching inserts fail, later ones pass: a failure that goes away. */
    public static RefusedInserts times(Pool pool, String table, String condition, String sqlState, String message,
            long times) {
        return plant(pool, table, condition, sqlState, message, times);
    }

    private static RefusedInserts plant(Pool pool, String table, String condition, String sqlState, String message,
            long times) {
        String name = "test_refuse_" + UUID.randomUUID().toString().replace("-", "");
        // A sequence, not a table: nextval is not undone when the failing transaction rolls back.
        execute(pool, "CREATE SEQUENCE " + name);
        // The trigger runs as whoever inserts: a service's own role, which owns nothing, must count too.
        execute(pool, "GRANT USAGE ON SEQUENCE " + name + " TO PUBLIC");
        execute(pool, "CREATE FUNCTION " + name + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "IF " + condition + " THEN IF nextval('" + name + "') <= " + times + " THEN "
                + "RAISE EXCEPTION USING ERRCODE = '" + sqlState + "', MESSAGE = '" + message.replace("'", "''")
                + "'; END IF; END IF; RETURN NEW; END $$");
        execute(pool, "CREATE TRIGGER " + name + " BEFORE INSERT ON " + table + " FOR EACH ROW EXECUTE FUNCTION "
                + name + "()");
        return new RefusedInserts(pool, table, name);
    }

    /** How many matching inserts were tried so far. */
    public long attempts() {
        return pool.query("SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM " + name).execute()
                .await().atMost(TIMEOUT).iterator().next().getLong(0);
    }

    @Override
    public void close() {
        execute(pool, "DROP TRIGGER IF EXISTS " + name + " ON " + table);
        execute(pool, "DROP FUNCTION IF EXISTS " + name + "()");
        execute(pool, "DROP SEQUENCE IF EXISTS " + name);
    }

    private static void execute(Pool pool, String sql) {
        pool.query(sql).execute().await().atMost(TIMEOUT);
    }
}
