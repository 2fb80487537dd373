package io.switchboard.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.infra.Databases;
import io.switchboard.infra.postgres.DatabaseRoles;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.postgres.RoleSession;

/**
 * The database itself keeps tenants apart: as the service's own role, a query that forgets its tenant filter
 * sees only the tenant its transaction names, a transaction naming none sees nothing, a row for another tenant
 * cannot be written, and the role can neither switch row-level security off nor read the outbox's events.
 */
@QuarkusTest
@WithTestResource(value = SwitchboardInfrastructureResource.class,
        initArgs = @ResourceArg(name = SwitchboardInfrastructureResource.DATABASE, value = Databases.WORKSPACES))
class RowLevelSecurityTest {

    private static final DatabaseRoles ROLES = DatabaseRoles.of(Databases.WORKSPACES);

    @Test
    void aQueryThatForgetsItsTenantFilterStillSeesOnlyItsTenant() throws SQLException {
        String tenantA = "tenant-" + UUID.randomUUID();
        String tenantB = "tenant-" + UUID.randomUUID();
        UUID chatA = UUID.randomUUID();
        UUID chatB = UUID.randomUUID();
        try (RoleSession app = app()) {
            insertWorkspace(app, tenantA, chatA);
            insertWorkspace(app, tenantB, chatB);

            app.inTenant(tenantA, session -> {
                List<String[]> rows = session.rows("select chat_id::text, tenant_id from workspace");
                assertThat(rows).extracting(row -> row[0]).contains(chatA.toString()).doesNotContain(chatB.toString());
                assertThat(rows).extracting(row -> row[1]).containsOnly(tenantA);
            });
        }
    }

    @Test
    void aTransactionThatNamesNoTenantSeesNoRowAndWritesNone() throws SQLException {
        try (RoleSession app = app()) {
            insertWorkspace(app, "tenant-" + UUID.randomUUID(), UUID.randomUUID());

            assertThat(app.rows("select chat_id from workspace")).isEmpty();
            assertThat(app.rows("select project_id from project")).isEmpty();
            refused(() -> app.execute("insert into project (project_id, tenant_id, created_at) values ('"
                    + UUID.randomUUID() + "', 'anyone', now())"));
        }
    }

    @Test
    void aRowForAnotherTenantCannotBeWrittenNorMovedThere() throws SQLException {
        String tenant = "tenant-" + UUID.randomUUID();
        UUID chat = UUID.randomUUID();
        try (RoleSession app = app()) {
            insertWorkspace(app, tenant, chat);
            refused(() -> app.inTenant(tenant, session -> session.execute("insert into workspace (chat_id, tenant_id, "
                    + "branch, status, last_seq, created_at, updated_at) values ('" + UUID.randomUUID()
                    + "', 'someone-else', 'b', 'READY', 0, now(), now())")));
            refused(() -> app.inTenant(tenant, session -> session.execute(
                    "update workspace set tenant_id = 'someone-else' where chat_id = '" + chat + "'")));
        }
    }

    @Test
    void theServiceRoleCannotSwitchRowLevelSecurityOff() throws SQLException {
        try (RoleSession app = app()) {
            assertThat(app.heldToRowLevelSecurity()).isTrue();
            assertThat(app.tablesItCouldSwitchRowLevelSecurityOff(List.of("workspace", "project"))).isEmpty();
            assertThat(app.rows("select tableowner from pg_tables where tablename in ('workspace', 'project')"))
                    .extracting(row -> row[0]).containsOnly(ROLES.owner());

            for (String table : List.of("workspace", "project")) {
                refused(() -> app.execute("drop policy " + table + "_of_tenant on " + table));
            }
            // With row_security off PostgreSQL refuses a query that a policy would filter, rather than filter nothing.
            app.execute("set row_security = off");
            refused(() -> app.rows("select chat_id from workspace"));
        }
    }

    @Test
    void theServiceRoleAppendsToTheOutboxButReadsNoEventAndTheRelayReadsNothingElse() throws SQLException {
        try (RoleSession app = app();
                RoleSession relay = RoleSession.open(Databases.WORKSPACES, ROLES.relay(), ROLES.relayPassword())) {
            refused(() -> app.rows("select event_json from outbox"));
            assertThat(relay.rows("select count(*) from outbox")).hasSize(1);
            for (String table : List.of("workspace", "project")) {
                refused(() -> relay.rows("select * from " + table));
            }
        }
    }

    private static RoleSession app() throws SQLException {
        return RoleSession.open(Databases.WORKSPACES, ROLES.app(), ROLES.appPassword());
    }

    private static void insertWorkspace(RoleSession app, String tenant, UUID chat) throws SQLException {
        app.inTenant(tenant, session -> session.execute("insert into workspace (chat_id, tenant_id, branch, status, "
                + "last_seq, created_at, updated_at) values ('" + chat + "', '" + tenant + "', 'switchboard/" + chat
                + "', 'READY', 1, now(), now())"));
    }

    private static void refused(ThrowingCallable statement) {
        assertThatThrownBy(statement).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState())
                        .isEqualTo(RoleSession.INSUFFICIENT_PRIVILEGE));
    }
}
