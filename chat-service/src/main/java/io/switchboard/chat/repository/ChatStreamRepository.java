package io.switchboard.chat.repository;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Uni;
import io.switchboard.chat.model.ChatState;
import io.switchboard.chat.model.ChatStream;
import io.switchboard.events.chat.TokenUsage;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Per chat: the last seq on its chat.events stream, its activity window, state and token totals. Everything about
 * one chat runs in its tenant's scope ({@link TenantSql}); only recovery's scan of a partition reads across tenants,
 * as the relay role.
 */
@ApplicationScoped
public class ChatStreamRepository {

    private final TenantSql sql;
    private final Pool relay;

    public ChatStreamRepository(TenantSql sql, @ReactiveDataSource(TenantSql.RELAY_DATASOURCE) Pool relay) {
        this.sql = sql;
        this.relay = relay;
    }

    /**
     * The chat's stream, created at seq 0 when it has none yet. A chat that is another tenant's is refused
     * (row-level security, SQLSTATE 42501) rather than taken over.
     */
    public Uni<ChatStream> open(String tenantId, String chatId, int partition) {
        return sql.inTenant(tenantId, connection -> connection.preparedQuery("""
                        INSERT INTO chat_stream (chat_id, tenant_id, last_seq, partition, updated_at)
                        VALUES ($1, $2, 0, $3, now())
                        ON CONFLICT (chat_id) DO UPDATE SET partition = EXCLUDED.partition
                        RETURNING last_seq, state, input_tokens, output_tokens""")
                .execute(Tuple.of(chatId, tenantId, partition))
                .map(rows -> stream(chatId, rows.iterator().next())));
    }

    /**
     * Opens an activity window: from now on events may be published beyond the stored last_seq, so a crash
     * before the window is closed makes recovery read them back from Kafka.
     */
    public Uni<Void> openWindow(String tenantId, String chatId) {
        return sql.inTenant(tenantId, connection -> connection.preparedQuery("""
                        UPDATE chat_stream SET pending_since = COALESCE(pending_since, now()) WHERE chat_id = $1""")
                .execute(Tuple.of(chatId))
                .replaceWithVoid());
    }

    /** Stores the chat's seq; never moves it backwards. With {@code closeWindow} the stream is clean again. */
    public Uni<Void> checkpoint(String tenantId, String chatId, long seq, boolean closeWindow) {
        return sql.inTenant(tenantId, connection -> connection.preparedQuery("""
                        UPDATE chat_stream SET last_seq = GREATEST(last_seq, $2),
                               pending_since = CASE WHEN $3 THEN NULL ELSE pending_since END, updated_at = now()
                        WHERE chat_id = $1""")
                .execute(Tuple.of(chatId, seq, closeWindow))
                .replaceWithVoid());
    }

    /** Adds a turn's tokens to the chat's totals and returns the new totals. */
    public Uni<TokenUsage> addUsage(String tenantId, String chatId, TokenUsage usage) {
        return sql.inTenant(tenantId, connection -> connection.preparedQuery("""
                        UPDATE chat_stream SET input_tokens = input_tokens + $2, output_tokens = output_tokens + $3
                        WHERE chat_id = $1 RETURNING input_tokens, output_tokens""")
                .execute(Tuple.of(chatId, usage.inputTokens(), usage.outputTokens()))
                .map(rows -> rows.rowCount() == 0 ? usage : totals(rows.iterator().next())));
    }

    /**
     * Applies a lifecycle change unless a later one was applied already; true when it changed the state.
     * The chat's stream is created when chat-service has not heard of it before; one of another tenant's is
     * refused (row-level security, SQLSTATE 42501).
     */
    public Uni<Boolean> applyLifecycle(String tenantId, String chatId, int partition, ChatState state,
            long lifecycleSeq) {
        return sql.inTenant(tenantId, connection -> connection.preparedQuery("""
                        INSERT INTO chat_stream (chat_id, tenant_id, last_seq, partition, state, lifecycle_seq,
                                                 updated_at)
                        VALUES ($1, $2, 0, $3, $4, $5, now())
                        ON CONFLICT (chat_id) DO UPDATE SET state = EXCLUDED.state,
                               lifecycle_seq = EXCLUDED.lifecycle_seq, partition = EXCLUDED.partition
                        WHERE chat_stream.lifecycle_seq < EXCLUDED.lifecycle_seq
                        RETURNING chat_id""")
                .execute(Tuple.of(chatId, tenantId, partition, state.name(), lifecycleSeq))
                .map(rows -> rows.rowCount() == 1));
    }

    public Uni<ChatState> state(String tenantId, String chatId) {
        return sql.inTenant(tenantId, connection -> connection
                .preparedQuery("SELECT state FROM chat_stream WHERE chat_id = $1")
                .execute(Tuple.of(chatId))
                .map(rows -> rows.rowCount() == 0 ? ChatState.ACTIVE
                        : ChatState.valueOf(rows.iterator().next().getString("state"))));
    }

    /**
     * Chats of the partition whose activity window was left open, as by a crash, of every tenant: read as the
     * relay role, which sees every tenant's streams and may change none; each window's checkpoint is then stored
     * in its own tenant's scope.
     */
    public Uni<List<OpenWindow>> openWindows(int partition) {
        return relay.preparedQuery("""
                        SELECT chat_id, tenant_id, last_seq, pending_since FROM chat_stream
                        WHERE partition = $1 AND pending_since IS NOT NULL""")
                .execute(Tuple.of(partition))
                .map(rows -> {
                    List<OpenWindow> windows = new ArrayList<>();
                    for (Row row : rows) {
                        windows.add(new OpenWindow(row.getString("chat_id"), row.getString("tenant_id"),
                                row.getLong("last_seq"), row.getOffsetDateTime("pending_since")));
                    }
                    return windows;
                });
    }

    /** A chat whose stream may hold events beyond {@code lastSeq}, published since {@code since}. */
    public record OpenWindow(String chatId, String tenantId, long lastSeq, OffsetDateTime since) {
    }

    private static ChatStream stream(String chatId, Row row) {
        return new ChatStream(chatId, row.getLong("last_seq"), ChatState.valueOf(row.getString("state")),
                totals(row));
    }

    private static TokenUsage totals(Row row) {
        return new TokenUsage(row.getLong("input_tokens"), row.getLong("output_tokens"));
    }
}
