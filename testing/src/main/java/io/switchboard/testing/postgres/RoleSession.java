package io.switchboard.testing.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.switchboard.testing.TestInfrastructure;

/**
 * A plain JDBC connection to a service's database as one of its roles, for tests that check what the database
 * itself lets that role do (row-level security, privileges), bypassing the service's own code.
 */
public final class RoleSession implements AutoCloseable {

    private final Connection connection;

    private RoleSession(Connection connection) {
        this.connection = connection;
    }

    public static RoleSession open(String database, String role, String password) throws SQLException {
        return new RoleSession(DriverManager.getConnection(TestInfrastructure.jdbcUrl(database), role, password));
    }

    /** Runs the statements in one transaction that names the tenant, as the services do. */
    public void inTenant(String tenant, SqlWork work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            nameTenant(tenant);
            work.run(this);
            connection.commit();
        } finally {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }

    /** Within the current transaction only, as {@code set_config(..., true)} in the services. */
    public void nameTenant(String tenant) throws SQLException {
        try (PreparedStatement set = connection.prepareStatement("select set_config('app.tenant_id', ?, true)")) {
            set.setString(1, tenant);
            set.executeQuery().close();
        }
    }

    /** Every row of the query, each column as text. */
    public List<String[]> rows(String sql) throws SQLException {
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

    /** PostgreSQL's SQLSTATE for a statement refused for want of privilege, row-level security's refusals included. */
    public static final String INSUFFICIENT_PRIVILEGE = "42501";

    /** The SQLSTATE the work was refused with; null when it went through. */
    public String refusal(SqlWork work) {
        try {
            work.run(this);
            return null;
        } catch (SQLException e) {
            return e.getSQLState();
        }
    }

    /** Whether this role is neither superuser nor allowed to bypass row-level security. */
    public boolean heldToRowLevelSecurity() throws SQLException {
        List<String[]> role = rows("select rolsuper::text, rolbypassrls::text from pg_roles where rolname = current_user");
        return role.size() == 1 && "false".equals(role.get(0)[0]) && "false".equals(role.get(0)[1]);
    }

    /**
     * The tables on which this role managed to disable or stop forcing row-level security: none, for a service's
     * role, since only a table's owner may.
     */
    public List<String> tablesItCouldSwitchRowLevelSecurityOff(List<String> tables) {
        List<String> switchedOff = new ArrayList<>();
        for (String table : tables) {
            if (refusal(session -> session.execute("alter table " + table + " disable row level security")) == null
                    || refusal(session -> session.execute("alter table " + table + " no force row level security"))
                            == null) {
                switchedOff.add(table);
            }
        }
        return switchedOff;
    }

    public void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }

    /** Statements run on the session. */
    @FunctionalInterface
    public interface SqlWork {
        void run(RoleSession session) throws SQLException;
    }
}
