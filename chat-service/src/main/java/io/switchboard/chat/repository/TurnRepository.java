package io.switchboard.chat.repository;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.chat.model.Turn;
import io.switchboard.chat.model.TurnStatus;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Turns in chat-service's database. Plain SQL on the reactive pool rather than Hibernate Reactive:
 * turns advance on model-stream threads, where a Vert.x-bound ORM session is not available.
 */
@ApplicationScoped
public class TurnRepository {

    private final Pool pool;

    public TurnRepository(Pool pool) {
        this.pool = pool;
    }

    /** Stores the turn unless the chat already has one with the same client message id. */
    public Uni<Optional<Turn>> insertIfNew(Turn turn) {
        return pool.preparedQuery("""
                        INSERT INTO turn (id, tenant_id, chat_id, client_message_id, user_id, text, model, status,
                                          created_at, updated_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now(), now())
                        ON CONFLICT (chat_id, client_message_id) DO NOTHING
                        RETURNING id""")
                .execute(Tuple.from(new Object[] {turn.id(), turn.tenantId(), turn.chatId(), turn.clientMessageId(),
                        turn.userId(), turn.text(), turn.model(), turn.status().name()}))
                .map(rows -> rows.rowCount() == 1 ? Optional.of(turn) : Optional.empty());
    }

    public Uni<Void> updateStatus(UUID turnId, TurnStatus status) {
        return pool.preparedQuery("UPDATE turn SET status = $2, updated_at = now() WHERE id = $1")
                .execute(Tuple.of(turnId, status.name()))
                .replaceWithVoid();
    }
}
