package io.switchboard.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.infra.Databases;
import io.switchboard.infra.postgres.DatabaseRoles;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.TestInfrastructure;

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
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    @Test
    void aQueryThatForgetsItsTenantFilterStillSeesOnlyItsTenant() throws SQLException {
        String tenantA = "tenant-" + UUID.randomUUID();
        String tenantB = "tenant-" + UUID.randomUUID();
        UUID chatA = UUID.randomUUID();
        UUID chatB = UUID.randomUUID();
        try (Connection app = connect(ROLES.app(), ROLES.appPassword())) {
            insertWorkspace(app, tenantA, chatA);
            insertWorkspace(app, tenantB, chatB);

            app.setAutoCommit(false);
            nameTenant(app, tenantA);
            List<String[]> rows = rows(app, "select chat_id::text, tenant_id from workspace");
            app.commit();

            assertThat(rows).extracting(row -> row[0]).contains(chatA.toString()).doesNotContain(chatB.toString());
            assertThat(rows).extracting(row -> row[1]).containsOnly(tenantA);
        }
    }

    @Test
    void aTransactionThatNamesNoTenantSeesNoRowAndWritesNone() throws SQLException {
        String tenant = "tenant-" + UUID.randomUUID();
        try (Connection app = connect(ROLES.app(), ROLES.appPassword())) {
            insertWorkspace(app, tenant, UUID.randomUUID());

            assertThat(rows(app, "select chat_id from workspace")).isEmpty();
            assertThat(rows(app, "select project_id from project")).isEmpty();
            assertThatThrownBy(() -> execute(app, "insert into project (project_id, tenant_id, created_at) values ('"
                    + UUID.randomUUID() + "', 'anyone', now())"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
        }
    }

    @Test
    void aRowForAnotherTenantCannotBeWrittenNorMovedThere() throws SQLException {
        String tenant = "tenant-" + UUID.randomUUID();
        UUID chat = UUID.randomUUID();
        try (Connection app = connect(ROLES.app(), ROLES.appPassword())) {
            insertWorkspace(app, tenant, chat);
            app.setAutoCommit(false);
            nameTenant(app, tenant);
            assertThatThrownBy(() -> execute(app, "insert into workspace (chat_id, tenant_id, branch, status, last_seq, "
                    + "created_at, updated_at) values ('" + UUID.randomUUID() + "', 'someone-else', 'b', 'READY', 0, "
                    + "now(), now())"))
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
            app.rollback();

            nameTenant(app, tenant);
            assertThatThrownBy(() -> execute(app, "update workspace set tenant_id = 'someone-else' where chat_id = '"
                    + chat + "'"))
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
            app.rollback();
        }
    }

    @Test
    void theServiceRoleCannotSwitchRowLevelSecurityOff() throws SQLException {
        try (Connection app = connect(ROLES.app(), ROLES.appPassword())) {
            List<String[]> role = rows(app, "select rolsuper::text, rolbypassrls::text from pg_roles "
                    + "where rolname = current_user");
            assertThat(role).singleElement().satisfies(r -> assertThat(r).containsExactly("false", "false"));
            assertThat(rows(app, "select tableowner from pg_tables where tablename in ('workspace', 'project')"))
                    .extracting(row -> row[0]).containsOnly(ROLES.owner());

            for (String table : List.of("workspace", "project")) {
                assertThatThrownBy(() -> execute(app, "alter table " + table + " disable row level security"))
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
                assertThatThrownBy(() -> execute(app, "alter table " + table + " no force row level security"))
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
                assertThatThrownBy(() -> execute(app, "drop policy " + table + "_of_tenant on " + table))
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
            }
            // With row_security off PostgreSQL refuses a query that a policy would filter, rather than filter nothing.
            execute(app, "set row_security = off");
            assertThatThrownBy(() -> rows(app, "select chat_id from workspace"))
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
        }
    }

    @Test
    void theServiceRoleAppendsToTheOutboxButReadsNoEventAndTheRelayReadsNothingElse() throws SQLException {
        try (Connection app = connect(ROLES.app(), ROLES.appPassword());
                Connection relay = connect(ROLES.relay(), ROLES.relayPassword())) {
            assertThatThrownBy(() -> rows(app, "select event_json from outbox"))
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
            assertThat(rows(relay, "select count(*) from outbox")).hasSize(1);
            for (String table : List.of("workspace", "project")) {
                assertThatThrownBy(() -> rows(relay, "select * from " + table))
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
            }
        }
    }

    private static void insertWorkspace(Connection connection, String tenant, UUID chat) throws SQLException {
        connection.setAutoCommit(false);
        nameTenant(connection, tenant);
        try (PreparedStatement insert = connection.prepareStatement("insert into workspace (chat_id, tenant_id, branch, "
                + "status, last_seq, created_at, updated_at) values (?, ?, ?, 'READY', 1, now(), now())")) {
            insert.setObject(1, chat);
            insert.setString(2, tenant);
            insert.setString(3, "switchboard/" + chat);
            insert.executeUpdate();
        }
        connection.commit();
        connection.setAutoCommit(true);
    }

    private static void nameTenant(Connection connection, String tenant) throws SQLException {
        try (PreparedStatement set = connection.prepareStatement("select set_config('app.tenant_id', ?, true)")) {
            set.setString(1, tenant);
            set.executeQuery().close();
        }
    }

    private static List<String[]> rows(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            List<String[]> rows = new ArrayList<>();
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                String[] row = new String[columns];
                for (int i = 0; i < columns; i++) {
                    row[i] = result.getString(i + 1);
                }
                rows.add(row);
            }
            return rows;
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static Connection connect(String role, String password) throws SQLException {
        return DriverManager.getConnection(TestInfrastructure.jdbcUrl(Databases.WORKSPACES), role, password);
    }
}
