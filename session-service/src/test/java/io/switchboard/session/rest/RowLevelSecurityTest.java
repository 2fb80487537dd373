package io.switchboard.session.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.infra.Databases;
import io.switchboard.infra.postgres.DatabaseRoles;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.testing.postgres.RoleSession;

/**
 * The database itself keeps tenants apart in every table of session-service: as the service's own role, a query
 * that forgets its tenant filter sees only the tenant its transaction names, one naming none sees nothing, and
 * the role can neither switch row-level security off nor read the outbox; the relay role reads no tenant data.
 */
@QuarkusTest
@WithTestResource(value = SwitchboardInfrastructureResource.class,
        initArgs = @ResourceArg(name = SwitchboardInfrastructureResource.DATABASE, value = Databases.SESSIONS))
class RowLevelSecurityTest {

    private static final DatabaseRoles ROLES = DatabaseRoles.of(Databases.SESSIONS);
    /** Every table holding a tenant's data, with the column that names the tenant (a pane has its view's). */
    private static final List<String> TENANT_TABLES = List.of("project", "project_member", "chat", "chat_read",
            "chat_client_state", "message", "tool_call", "split_view", "ui_state", "ui_tab", "audit_entry");

    @Test
    void queriesThatForgetTheirTenantFilterStillSeeOnlyTheirTenant() throws SQLException {
        String tenantA = "tenant-" + UUID.randomUUID();
        String tenantB = "tenant-" + UUID.randomUUID();
        String chatA = chatWithView(tenantA);
        String chatB = chatWithView(tenantB);

        try (RoleSession app = app()) {
            app.inTenant(tenantA, session -> {
                assertThat(session.rows("select id::text from chat")).extracting(row -> row[0])
                        .contains(chatA).doesNotContain(chatB);
                for (String table : TENANT_TABLES) {
                    assertThat(session.rows("select distinct tenant_id from " + table)).as(table)
                            .extracting(row -> row[0]).allMatch(tenantA::equals);
                }
                assertThat(session.rows("select chat_id::text from view_pane")).extracting(row -> row[0])
                        .contains(chatA).doesNotContain(chatB);
            });
        }
    }

    @Test
    void aTransactionThatNamesNoTenantSeesNothing() throws SQLException {
        chatWithView("tenant-" + UUID.randomUUID());
        try (RoleSession app = app()) {
            for (String table : TENANT_TABLES) {
                assertThat(app.rows("select 1 from " + table)).as(table).isEmpty();
            }
            assertThat(app.rows("select 1 from view_pane")).isEmpty();
        }
    }

    @Test
    void aRowCannotBeMovedToAnotherTenant() throws SQLException {
        String tenant = "tenant-" + UUID.randomUUID();
        String chat = chatWithView(tenant);
        try (RoleSession app = app()) {
            refused(() -> app.inTenant(tenant, session -> session.execute(
                    "update chat set tenant_id = 'someone-else' where id = '" + chat + "'")));
            refused(() -> app.inTenant(tenant, session -> session.execute(
                    "update chat_client_state set tenant_id = 'someone-else' where chat_id = '" + chat + "'")));
        }
    }

    @Test
    void theServiceRoleCannotSwitchRowLevelSecurityOffNorReadTheOutbox() throws SQLException {
        try (RoleSession app = app()) {
            assertThat(app.heldToRowLevelSecurity()).isTrue();
            assertThat(app.tablesItCouldSwitchRowLevelSecurityOff(TENANT_TABLES)).isEmpty();
            refused(() -> app.rows("select event_json from outbox"));
            app.execute("set row_security = off");
            refused(() -> app.rows("select id from chat"));
        }
    }

    @Test
    void theRelayRoleReadsNoTenantDataButWhenAnAuditEntryWasWritten() throws SQLException {
        chatWithView("tenant-" + UUID.randomUUID());
        try (RoleSession relay = RoleSession.open(Databases.SESSIONS, ROLES.relay(), ROLES.relayPassword())) {
            for (String table : List.of("project", "chat", "message", "split_view", "ui_state")) {
                refused(() -> relay.rows("select * from " + table));
            }
            refused(() -> relay.rows("select action from audit_entry"));
            assertThat(relay.rows("select count(at) from audit_entry")).singleElement()
                    .satisfies(row -> assertThat(Long.parseLong(row[0])).isPositive());
        }
    }

    /** A project, a chat, a message, a read mark, client state, a tab and a view with the chat, all through the API. */
    private static String chatWithView(String tenant) {
        String token = TestTokens.bearer(tenant, "user-" + UUID.randomUUID());
        String project = ViewFixtures.project(token);
        String chat = ViewFixtures.chat(token, project, "offline");
        given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", "0")
                .body(Map.of("draft", "hello"))
                .put("/chats/{id}/client-state", chat).then().statusCode(200);
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", "rls", "layout", "grid", "panes", List.of(Map.of("chatId", chat))))
                .post("/views").then().statusCode(201);
        return chat;
    }

    private static RoleSession app() throws SQLException {
        return RoleSession.open(Databases.SESSIONS, ROLES.app(), ROLES.appPassword());
    }

    private static void refused(ThrowingCallable statement) {
        assertThatThrownBy(statement).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState())
                        .isEqualTo(RoleSession.INSUFFICIENT_PRIVILEGE));
    }
}
