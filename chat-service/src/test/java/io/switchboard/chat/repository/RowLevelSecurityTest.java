package io.switchboard.chat.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.chat.model.Turn;
import io.switchboard.chat.model.TurnStatus;
import io.switchboard.infra.Databases;
import io.switchboard.infra.postgres.DatabaseRoles;
import io.switchboard.kit.consumer.FailureClassifier;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.postgres.RoleSession;

/**
 * The database itself keeps tenants apart in chat-service: as the service's own role, a query that forgets its
 * tenant filter sees only the tenant its transaction names, one naming none sees nothing, a row cannot be written
 * for another tenant nor moved to one, and the role cannot switch row-level security off. The relay role, which
 * recovery reads as, sees every tenant's open turns and windows and may write nothing. The repositories run each
 * chat's statements in its tenant's scope, and recovery's scans through the relay role.
 */
@QuarkusTest
@WithTestResource(value = SwitchboardInfrastructureResource.class,
        initArgs = @ResourceArg(name = SwitchboardInfrastructureResource.DATABASE, value = Databases.CHATS))
class RowLevelSecurityTest {

    private static final DatabaseRoles ROLES = DatabaseRoles.of(Databases.CHATS);
    private static final List<String> TENANT_TABLES = List.of("turn", "chat_stream", "chat_origin");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    TurnRepository turns;

    @Inject
    ChatStreamRepository streams;

    @Inject
    ChatOriginRepository origins;

    @Test
    void queriesThatForgetTheirTenantFilterStillSeeOnlyTheirTenant() throws SQLException {
        String tenantA = "tenant-" + UUID.randomUUID();
        String tenantB = "tenant-" + UUID.randomUUID();
        String chatA = UUID.randomUUID().toString();
        String chatB = UUID.randomUUID().toString();
        try (RoleSession app = app()) {
            insertChat(app, tenantA, chatA, unusedPartition());
            insertChat(app, tenantB, chatB, unusedPartition());

            app.inTenant(tenantA, session -> {
                for (String table : TENANT_TABLES) {
                    List<String[]> rows = session.rows("select chat_id, tenant_id from " + table);
                    assertThat(rows).as(table).extracting(row -> row[0]).contains(chatA).doesNotContain(chatB);
                    assertThat(rows).as(table).extracting(row -> row[1]).containsOnly(tenantA);
                }
            });
        }
    }

    @Test
    void aTransactionThatNamesNoTenantSeesNoRowAndWritesNone() throws SQLException {
        try (RoleSession app = app()) {
            insertChat(app, "tenant-" + UUID.randomUUID(), UUID.randomUUID().toString(), unusedPartition());

            for (String table : TENANT_TABLES) {
                assertThat(app.rows("select 1 from " + table)).as(table).isEmpty();
            }
            refused(() -> app.execute("insert into chat_stream (chat_id, tenant_id, last_seq, updated_at) values ('"
                    + UUID.randomUUID() + "', 'anyone', 0, now())"));
        }
    }

    @Test
    void aRowForAnotherTenantCannotBeWrittenNorMovedThere() throws SQLException {
        String tenant = "tenant-" + UUID.randomUUID();
        String chat = UUID.randomUUID().toString();
        try (RoleSession app = app()) {
            insertChat(app, tenant, chat, unusedPartition());

            refused(() -> app.inTenant(tenant, session -> insertTurn(session, "someone-else", chat, "stolen")));
            refused(() -> app.inTenant(tenant, session -> session.execute("insert into chat_stream (chat_id, "
                    + "tenant_id, last_seq, updated_at) values ('" + UUID.randomUUID() + "', 'someone-else', 0, "
                    + "now())")));
            refused(() -> app.inTenant(tenant, session -> session.execute("insert into chat_origin (chat_id, "
                    + "tenant_id, source_chat_id, source_turn_id, created_at) values ('" + UUID.randomUUID()
                    + "', 'someone-else', '" + chat + "', '" + UUID.randomUUID() + "', now())")));
            for (String table : TENANT_TABLES) {
                refused(() -> app.inTenant(tenant, session -> session.execute(
                        "update " + table + " set tenant_id = 'someone-else' where chat_id = '" + chat + "'")));
            }
        }
    }

    @Test
    void theServiceRoleCannotSwitchRowLevelSecurityOff() throws SQLException {
        try (RoleSession app = app()) {
            assertThat(app.heldToRowLevelSecurity()).isTrue();
            assertThat(app.tablesItCouldSwitchRowLevelSecurityOff(TENANT_TABLES)).isEmpty();
            assertThat(app.rows("select tableowner from pg_tables where tablename in ('turn', 'chat_stream', "
                    + "'chat_origin')")).extracting(row -> row[0]).containsOnly(ROLES.owner());

            for (String table : TENANT_TABLES) {
                refused(() -> app.execute("drop policy " + table + "_of_tenant on " + table));
            }
            // With row_security off PostgreSQL refuses a query that a policy would filter, rather than filter nothing.
            app.execute("set row_security = off");
            for (String table : TENANT_TABLES) {
                refused(() -> app.rows("select chat_id from " + table));
            }
        }
    }

    @Test
    void theRelayRoleReadsEveryTenantsOpenTurnsButNoAnswerNorOriginAndWritesNothing() throws SQLException {
        String tenantA = "tenant-" + UUID.randomUUID();
        String tenantB = "tenant-" + UUID.randomUUID();
        String chatA = UUID.randomUUID().toString();
        String chatB = UUID.randomUUID().toString();
        int partition = unusedPartition();
        try (RoleSession app = app(); RoleSession relay = relay()) {
            insertChat(app, tenantA, chatA, partition);
            insertChat(app, tenantB, chatB, partition);

            assertThat(relay.heldToRowLevelSecurity()).isTrue();
            assertThat(relay.rows("select t.chat_id, t.tenant_id, t.text from turn t join chat_stream c "
                    + "on c.chat_id = t.chat_id where c.partition = " + partition
                    + " and t.status in ('QUEUED', 'RUNNING')"))
                    .extracting(row -> row[0] + "/" + row[1])
                    .containsExactlyInAnyOrder(chatA + "/" + tenantA, chatB + "/" + tenantB);
            assertThat(relay.rows("select chat_id, tenant_id, last_seq from chat_stream where partition = "
                    + partition + " and pending_since is not null")).hasSize(2);

            refused(() -> relay.rows("select answer from turn"));
            refused(() -> relay.rows("select input_tokens from chat_stream"));
            refused(() -> relay.rows("select * from chat_origin"));
            refused(() -> insertTurn(relay, tenantA, chatA, "from-relay"));
            refused(() -> relay.execute("update turn set status = 'FAILED' where chat_id = '" + chatA + "'"));
            refused(() -> relay.execute("update chat_stream set last_seq = 0 where chat_id = '" + chatA + "'"));
            refused(() -> relay.execute("delete from turn where chat_id = '" + chatB + "'"));
            refused(() -> relay.execute("delete from chat_stream where chat_id = '" + chatB + "'"));
        }
    }

    @Test
    void theRepositoriesWorkInTheChatsTenantWhileRecoveryReadsEveryTenant() {
        String tenantA = "tenant-" + UUID.randomUUID();
        String tenantB = "tenant-" + UUID.randomUUID();
        String chatA = UUID.randomUUID().toString();
        String chatB = UUID.randomUUID().toString();
        int partition = unusedPartition();
        openChatWithTurn(tenantA, chatA, partition);
        openChatWithTurn(tenantB, chatB, partition);
        origins.record(tenantA, chatA, chatB, UUID.randomUUID()).await().atMost(WAIT);

        assertThat(turns.find(tenantA, chatA, "m-1").await().atMost(WAIT)).isPresent();
        assertThat(turns.find(tenantB, chatA, "m-1").await().atMost(WAIT)).isEmpty();
        assertThat(origins.find(tenantA, chatA).await().atMost(WAIT)).isNotNull();
        assertThat(origins.find(tenantB, chatA).await().atMost(WAIT)).isNull();
        // A command naming the wrong tenant cannot take another tenant's chat over: its stream is not opened.
        assertThatThrownBy(() -> streams.open(tenantB, chatA, partition).await().atMost(WAIT))
                .satisfies(e -> assertThat(FailureClassifier.findSqlState(e))
                        .contains(RoleSession.INSUFFICIENT_PRIVILEGE));
        UUID turnA = turns.find(tenantA, chatA, "m-1").await().atMost(WAIT).orElseThrow().id();
        turns.markRunning(tenantB, turnA).await().atMost(WAIT);
        assertThat(turns.find(tenantA, chatA, "m-1").await().atMost(WAIT).orElseThrow().status())
                .isEqualTo(TurnStatus.QUEUED);

        assertThat(turns.openTurns(List.of(partition)).await().atMost(WAIT))
                .extracting(open -> open.turn().chatId() + "/" + open.turn().tenantId())
                .containsExactlyInAnyOrder(chatA + "/" + tenantA, chatB + "/" + tenantB);
        assertThat(streams.openWindows(partition).await().atMost(WAIT))
                .extracting(window -> window.chatId() + "/" + window.tenantId())
                .containsExactlyInAnyOrder(chatA + "/" + tenantA, chatB + "/" + tenantB);

        // Recovery stores each window's checkpoint in the window's own tenant's scope.
        for (ChatStreamRepository.OpenWindow window : streams.openWindows(partition).await().atMost(WAIT)) {
            streams.checkpoint(window.tenantId(), window.chatId(), 7, true).await().atMost(WAIT);
        }
        assertThat(streams.openWindows(partition).await().atMost(WAIT)).isEmpty();
        assertThat(streams.open(tenantA, chatA, partition).await().atMost(WAIT).lastSeq()).isEqualTo(7);
    }

    private void openChatWithTurn(String tenant, String chat, int partition) {
        streams.open(tenant, chat, partition).await().atMost(WAIT);
        streams.openWindow(tenant, chat).await().atMost(WAIT);
        turns.insertIfNew(new Turn(UUID.randomUUID(), tenant, chat, "m-1", "alice", "hello", "offline",
                TurnStatus.QUEUED, 0), false).await().atMost(WAIT).orElseThrow();
    }

    /**
     * A partition number no topic has: the service's own recovery, which scans the partitions it is assigned,
     * never comes across these rows.
     */
    private static int unusedPartition() {
        return 100_000 + ThreadLocalRandom.current().nextInt(1_000_000);
    }

    /** A chat's stream with an open window, a queued turn and an origin, written in the tenant's scope. */
    private static void insertChat(RoleSession app, String tenant, String chat, int partition) throws SQLException {
        app.inTenant(tenant, session -> {
            session.execute("insert into chat_stream (chat_id, tenant_id, last_seq, partition, pending_since, "
                    + "updated_at) values ('" + chat + "', '" + tenant + "', 3, " + partition + ", now(), now())");
            insertTurn(session, tenant, chat, "m-" + UUID.randomUUID());
            session.execute("insert into chat_origin (chat_id, tenant_id, source_chat_id, source_turn_id, "
                    + "created_at) values ('" + chat + "', '" + tenant + "', '" + UUID.randomUUID() + "', '"
                    + UUID.randomUUID() + "', now())");
        });
    }

    private static void insertTurn(RoleSession session, String tenant, String chat, String clientMessageId)
            throws SQLException {
        session.execute("insert into turn (id, tenant_id, chat_id, client_message_id, user_id, text, model, status, "
                + "rank, created_at, updated_at) values ('" + UUID.randomUUID() + "', '" + tenant + "', '" + chat
                + "', '" + clientMessageId + "', 'alice', 'hello', 'offline', 'QUEUED', nextval('turn_rank_seq'), "
                + "now(), now())");
    }

    private static RoleSession app() throws SQLException {
        return RoleSession.open(Databases.CHATS, ROLES.app(), ROLES.appPassword());
    }

    private static RoleSession relay() throws SQLException {
        return RoleSession.open(Databases.CHATS, ROLES.relay(), ROLES.relayPassword());
    }

    private static void refused(ThrowingCallable statement) {
        assertThatThrownBy(statement).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState())
                        .isEqualTo(RoleSession.INSUFFICIENT_PRIVILEGE));
    }
}
