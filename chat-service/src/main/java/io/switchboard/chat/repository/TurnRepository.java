package io.switchboard.chat.repository;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Uni;
import io.switchboard.chat.model.Turn;
import io.switchboard.chat.model.TurnEnding;
import io.switchboard.chat.model.TurnStatus;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Turns in chat-service's database. Plain SQL on the reactive pool rather than Hibernate Reactive:
 * turns advance on model-stream threads, where a Vert.x-bound ORM session is not available. Everything about
 * one chat runs in its tenant's scope ({@link TenantSql}); only recovery's scan of partitions reads across tenants,
 * as the relay role.
 */
@ApplicationScoped
public class TurnRepository {

    private static final String COLUMNS = "t.id, t.tenant_id, t.chat_id, t.client_message_id, t.user_id, t.text, "
            + "t.model, t.status, t.rank";

    private final TenantSql sql;
    private final Pool relay;

    public TurnRepository(TenantSql sql, @ReactiveDataSource(TenantSql.RELAY_DATASOURCE) Pool relay) {
        this.sql = sql;
        this.relay = relay;
    }

    /**
     * Stores the turn, ranked last in its chat's queue or, with {@code first}, ahead of everything queued;
     * empty when the chat already has a turn with the same client message id.
     */
    public Uni<Optional<Turn>> insertIfNew(Turn turn, boolean first) {
        return sql.inTenant(turn.tenantId(), connection -> connection.preparedQuery("""
                        INSERT INTO turn (id, tenant_id, chat_id, client_message_id, user_id, text, model, status,
                                          rank, created_at, updated_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8,
                                CASE WHEN $9 THEN -nextval('turn_rank_seq') ELSE nextval('turn_rank_seq') END,
                                now(), now())
                        ON CONFLICT (chat_id, client_message_id) DO NOTHING
                        RETURNING rank""")
                .execute(Tuple.from(new Object[] {turn.id(), turn.tenantId(), turn.chatId(), turn.clientMessageId(),
                        turn.userId(), turn.text(), turn.model(), turn.status().name(), first}))
                .map(rows -> rows.rowCount() == 1
                        ? Optional.of(new Turn(turn.id(), turn.tenantId(), turn.chatId(), turn.clientMessageId(),
                                turn.userId(), turn.text(), turn.model(), turn.status(),
                                rows.iterator().next().getLong("rank")))
                        : Optional.empty()));
    }

    public Uni<Void> markRunning(String tenantId, UUID turnId) {
        return sql.inTenant(tenantId, connection -> connection
                .preparedQuery("UPDATE turn SET status = 'RUNNING', updated_at = now() WHERE id = $1")
                .execute(Tuple.of(turnId))
                .replaceWithVoid());
    }

    /** Records the turn's ending; a turn that already ended keeps its first ending. */
    public Uni<Void> finish(String tenantId, UUID turnId, TurnEnding ending) {
        return sql.inTenant(tenantId, connection -> connection.preparedQuery("""
                        UPDATE turn SET status = $2, end_reason = $3, answer = $4, input_tokens = $5,
                                        output_tokens = $6, ended_at = now(), updated_at = now()
                        WHERE id = $1 AND status IN ('QUEUED', 'RUNNING')""")
                .execute(Tuple.from(new Object[] {turnId, ending.status().name(), ending.reason(), ending.answer(),
                        ending.usage().inputTokens(), ending.usage().outputTokens()}))
                .replaceWithVoid());
    }

    /** Replaces the text of a turn that is still queued; false when it is not (any more). */
    public Uni<Boolean> updateQueuedText(String tenantId, UUID turnId, String text) {
        return sql.inTenant(tenantId, connection -> connection.preparedQuery("""
                        UPDATE turn SET text = $2, updated_at = now() WHERE id = $1 AND status = 'QUEUED'""")
                .execute(Tuple.of(turnId, text))
                .map(rows -> rows.rowCount() == 1));
    }

    public Uni<Optional<Turn>> find(String tenantId, String chatId, String clientMessageId) {
        return sql.inTenant(tenantId, connection -> connection
                .preparedQuery("SELECT " + COLUMNS + " FROM turn t WHERE t.chat_id = $1 AND t.client_message_id = $2")
                .execute(Tuple.of(chatId, clientMessageId))
                .map(rows -> turns(rows).stream().findFirst()));
    }

    /**
     * Queued and running turns of the chats on these partitions, of every tenant, each chat's in queue order:
     * read as the relay role, which sees every tenant's open turns and may change none; each chat's lane then
     * works on them in the turns' own tenant's scope.
     */
    public Uni<List<OpenTurn>> openTurns(Collection<Integer> partitions) {
        return relay.preparedQuery("SELECT c.partition, " + COLUMNS + """
                         FROM turn t JOIN chat_stream c ON c.chat_id = t.chat_id
                        WHERE c.partition = ANY($1) AND t.status IN ('QUEUED', 'RUNNING')
                        ORDER BY t.chat_id, t.rank""")
                .execute(Tuple.of(partitions.toArray(new Integer[0])))
                .map(rows -> {
                    List<OpenTurn> open = new ArrayList<>();
                    for (Row row : rows) {
                        open.add(new OpenTurn(turn(row), row.getInteger("partition")));
                    }
                    return open;
                });
    }

    /** A turn that has not ended, with its chat's partition. */
    public record OpenTurn(Turn turn, int partition) {
    }

    /** The chat's answered turns, newest first, for building the model's context. */
    public Uni<List<AnsweredTurn>> answeredNewestFirst(String tenantId, String chatId, int limit) {
        return sql.inTenant(tenantId, connection -> connection.preparedQuery("""
                        SELECT text, answer FROM turn
                        WHERE chat_id = $1 AND status = 'COMPLETED' AND answer IS NOT NULL
                        ORDER BY ended_at DESC LIMIT $2""")
                .execute(Tuple.of(chatId, limit))
                .map(TurnRepository::answered));
    }

    /**
     * The chat's answered turns up to and including {@code turnId} (those that ended by the time it did, or by the
     * time it was asked when it never ended), newest first; empty when the turn is not one of the chat's, or the
     * chat not the tenant's: a copy never reads another tenant's conversation, whatever its announcement says
     * (row-level security holds to that too; the tenant filter stays so the query says what it means).
     */
    public Uni<Optional<List<AnsweredTurn>>> answeredUpTo(String tenantId, String chatId, UUID turnId, int limit) {
        return sql.inTenant(tenantId, connection -> connection
                .preparedQuery("SELECT COALESCE(ended_at, created_at) AS until FROM turn "
                        + "WHERE chat_id = $1 AND id = $2 AND tenant_id = $3")
                .execute(Tuple.of(chatId, turnId, tenantId))
                .chain(marks -> {
                    if (!marks.iterator().hasNext()) {
                        return Uni.createFrom().item(Optional.<List<AnsweredTurn>>empty());
                    }
                    return connection.preparedQuery("""
                                    SELECT text, answer FROM turn
                                    WHERE chat_id = $1 AND status = 'COMPLETED' AND answer IS NOT NULL
                                      AND ended_at <= $2
                                    ORDER BY ended_at DESC LIMIT $3""")
                            .execute(Tuple.of(chatId, marks.iterator().next().getOffsetDateTime("until"), limit))
                            .map(rows -> Optional.of(answered(rows)));
                }));
    }

    /** A past exchange of the chat. */
    public record AnsweredTurn(String question, String answer) {
    }

    private static List<AnsweredTurn> answered(Iterable<Row> rows) {
        List<AnsweredTurn> answered = new ArrayList<>();
        for (Row row : rows) {
            answered.add(new AnsweredTurn(row.getString("text"), row.getString("answer")));
        }
        return answered;
    }

    private static List<Turn> turns(Iterable<Row> rows) {
        List<Turn> turns = new ArrayList<>();
        for (Row row : rows) {
            turns.add(turn(row));
        }
        return turns;
    }

    private static Turn turn(Row row) {
        return new Turn(row.getUUID("id"), row.getString("tenant_id"), row.getString("chat_id"),
                row.getString("client_message_id"), row.getString("user_id"), row.getString("text"),
                row.getString("model"), TurnStatus.valueOf(row.getString("status")), row.getLong("rank"));
    }
}
