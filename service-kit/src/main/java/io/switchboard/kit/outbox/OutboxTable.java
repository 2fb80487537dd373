package io.switchboard.kit.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** The relay's statements on the outbox table (the schema is in each service's migrations). */
@ApplicationScoped
@IfBuildProperty(name = Outbox.ENABLED, stringValue = "true")
public class OutboxTable {

    /**
     * The oldest pending entries no other relay holds, minus any entry that has an older pending entry of its
     * key held elsewhere: publishing it now would overtake that one. Set-aside entries hold nothing up.
     */
    private static final String CLAIM = """
            WITH claimed AS (
                SELECT id FROM outbox
                WHERE dead_lettered_at IS NULL
                ORDER BY id
                LIMIT $1
                FOR UPDATE SKIP LOCKED
            )
            SELECT o.id, o.chat_id, o.seq, o.event_type, o.event_json
            FROM outbox o JOIN claimed c ON c.id = o.id
            WHERE NOT EXISTS (
                SELECT 1 FROM outbox earlier
                WHERE earlier.chat_id = o.chat_id AND earlier.id < o.id AND earlier.dead_lettered_at IS NULL
                    AND earlier.id NOT IN (SELECT id FROM claimed))
            ORDER BY o.id""";

    private static final String DELETE = "DELETE FROM outbox WHERE id = ANY($1)";
    private static final String FAILED = "UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = $1";
    private static final String SET_ASIDE = "UPDATE outbox SET attempts = attempts + 1, last_error = $2, "
            + "dead_lettered_at = now() WHERE id = $1";
    private static final String COUNTS = "SELECT count(*) FILTER (WHERE dead_lettered_at IS NULL), "
            + "count(*) FILTER (WHERE dead_lettered_at IS NOT NULL) FROM outbox";

    private final Pool pool;

    public OutboxTable(@ReactiveDataSource(Outbox.RELAY_DATASOURCE) Pool pool) {
        this.pool = pool;
    }

    /** Runs one relay pass in one transaction: claimed rows stay locked until it ends. */
    public <T> Uni<T> inTransaction(Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(work);
    }

    public Uni<List<OutboxEntry>> claim(SqlConnection connection, int limit) {
        return connection.preparedQuery(CLAIM).execute(Tuple.of(limit)).map(rows -> {
            List<OutboxEntry> entries = new ArrayList<>();
            for (Row row : rows) {
                entries.add(new OutboxEntry(row.getLong("id"), row.getString("chat_id"), row.getLong("seq"),
                        row.getString("event_type"), row.getString("event_json")));
            }
            return entries;
        });
    }

    public Uni<Void> delete(SqlConnection connection, List<Long> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery(DELETE).execute(Tuple.of(ids.toArray(Long[]::new))).replaceWithVoid();
    }

    public Uni<Void> failed(SqlConnection connection, List<Tuple> idAndError) {
        return batch(connection, FAILED, idAndError);
    }

    public Uni<Void> setAside(SqlConnection connection, List<Tuple> idAndError) {
        return batch(connection, SET_ASIDE, idAndError);
    }

    public Uni<OutboxCounts> counts() {
        return pool.query(COUNTS).execute().map(rows -> {
            Row row = rows.iterator().next();
            return new OutboxCounts(row.getLong(0), row.getLong(1));
        });
    }

    private static Uni<Void> batch(SqlConnection connection, String sql, List<Tuple> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery(sql).executeBatch(rows).replaceWithVoid();
    }
}
