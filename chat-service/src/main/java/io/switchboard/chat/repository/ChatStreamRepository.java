package io.switchboard.chat.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** The last seq assigned on each chat's chat.events stream. */
@ApplicationScoped
public class ChatStreamRepository {

    private final Pool pool;

    public ChatStreamRepository(Pool pool) {
        this.pool = pool;
    }

    /** The chat's last seq, creating its stream at 0 when it has none yet. */
    public Uni<Long> lastSeq(String chatId, String tenantId) {
        return pool.preparedQuery("""
                        INSERT INTO chat_stream (chat_id, tenant_id, last_seq, updated_at) VALUES ($1, $2, 0, now())
                        ON CONFLICT (chat_id) DO UPDATE SET updated_at = chat_stream.updated_at
                        RETURNING last_seq""")
                .execute(Tuple.of(chatId, tenantId))
                .map(rows -> rows.iterator().next().getLong("last_seq"));
    }

    /** Never moves backwards, so checkpoints that arrive out of order are harmless. */
    public Uni<Void> saveLastSeq(String chatId, long seq) {
        return pool.preparedQuery("""
                        UPDATE chat_stream SET last_seq = GREATEST(last_seq, $2), updated_at = now()
                        WHERE chat_id = $1""")
                .execute(Tuple.of(chatId, seq))
                .replaceWithVoid();
    }
}
