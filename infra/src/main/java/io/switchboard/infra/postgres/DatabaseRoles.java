package io.switchboard.infra.postgres;

/**
 * The login roles of one service's database. The owner ({@code switchboard}) owns the tables and runs the
 * migrations; the service's requests run as {@code <database>_app}, which owns nothing and cannot bypass
 * row-level security; the outbox relay, which publishes every tenant's events, runs as {@code <database>_relay},
 * which may only read and delete the outbox. Locally each password is the role's name: the server listens on
 * the loopback interface only, and a deployment sets its own (docs/security.md).
 */
public record DatabaseRoles(String database, String owner, String app, String relay) {

    public static DatabaseRoles of(String database) {
        return new DatabaseRoles(database, PostgresServer.APP_USERNAME, database + "_app", database + "_relay");
    }

    public String ownerPassword() {
        return PostgresServer.APP_PASSWORD;
    }

    public String appPassword() {
        return app;
    }

    public String relayPassword() {
        return relay;
    }
}
