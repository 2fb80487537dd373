package io.switchboard.chat.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;

/** Which chat and turn each copied chat (fork, duplicate) holds the history of. */
@ApplicationScoped
public class ChatOriginRepository {

    private final TenantSql sql;

    public ChatOriginRepository(TenantSql sql) {
        this.sql = sql;
    }

    /** Records the chat's origin; a redelivered announcement changes nothing. */
    public Uni<Void> record(String tenantId, String chatId, String sourceChatId, UUID sourceTurnId) {
        return sql.inTenant(tenantId, connection -> connection.preparedQuery("""
                        INSERT INTO chat_origin (chat_id, tenant_id, source_chat_id, source_turn_id, created_at)
                        VALUES ($1, $2, $3, $4, now())
                        ON CONFLICT (chat_id) DO NOTHING""")
                .execute(Tuple.of(chatId, tenantId, sourceChatId, sourceTurnId))
                .replaceWithVoid());
    }

    /** The chat's origin, or null for a chat that is no copy (or not the tenant's). */
    public Uni<ChatOrigin> find(String tenantId, String chatId) {
        return sql.inTenant(tenantId, connection -> connection
                .preparedQuery("SELECT source_chat_id, source_turn_id FROM chat_origin WHERE chat_id = $1")
                .execute(Tuple.of(chatId))
                .map(rows -> {
                    RowIterator<Row> iterator = rows.iterator();
                    if (!iterator.hasNext()) {
                        return null;
                    }
                    Row row = iterator.next();
                    return new ChatOrigin(row.getString("source_chat_id"), row.getUUID("source_turn_id"));
                }));
    }

    /** The chat a copy was made from and the last of its turns the copy holds. */
    public record ChatOrigin(String sourceChatId, UUID sourceTurnId) {
    }
}
