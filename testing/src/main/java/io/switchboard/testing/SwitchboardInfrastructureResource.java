package io.switchboard.testing;

import java.util.LinkedHashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.switchboard.infra.Databases;
import io.switchboard.infra.postgres.DatabaseRoles;

/**
 * Points a {@code @QuarkusTest} at the test JVM's real Kafka and PostgreSQL (see
 * {@link TestInfrastructure}) and makes it accept {@link TestTokens}.
 *
 * <pre>{@code
 * @QuarkusTest
 * @WithTestResource(value = SwitchboardInfrastructureResource.class,
 *         initArgs = @ResourceArg(name = SwitchboardInfrastructureResource.DATABASE, value = Databases.SESSIONS))
 * class SessionResourceTest { ... }
 * }</pre>
 *
 * The optional init arg {@value #DATABASE} names the service's database; without it no
 * datasource is configured. The reactive and JDBC URLs are given for the datasource kinds the
 * service has (both when neither is detected). The servers outlive {@link #stop()}: they are shared by every test
 * class and profile in the JVM and stop when it exits.
 */
public class SwitchboardInfrastructureResource implements QuarkusTestResourceLifecycleManager {

    /** Init arg: one of {@link Databases#ALL}. */
    public static final String DATABASE = "database";

    /** Qualifiers that the reactive datasource and the JDBC (Agroal) extensions ship. */
    private static final String REACTIVE_DATASOURCE = "io.quarkus.reactive.datasource.ReactiveDataSource";
    private static final String JDBC_DATASOURCE = "io.quarkus.agroal.DataSource";

    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        String requested = initArgs.get(DATABASE);
        if (requested == null || requested.isBlank()) {
            database = null;
        } else if (Databases.ALL.contains(requested)) {
            database = requested;
        } else {
            throw new IllegalArgumentException("Unknown database '" + requested + "', expected one of " + Databases.ALL);
        }
    }

    @Override
    public Map<String, String> start() {
        TestInfrastructure.ensureStarted();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", TestInfrastructure.bootstrapServers());
        config.put("quarkus.oidc.public-key", TestInfrastructure.publicKeyBase64());
        config.put("quarkus.oidc.token.issuer", TestTokens.ISSUER);
        if (database != null) {
            // The service runs as its application role; Flyway migrates as the owner (docs/security.md).
            DatabaseRoles roles = DatabaseRoles.of(database);
            config.put("quarkus.datasource.username", roles.app());
            config.put("quarkus.datasource.password", roles.appPassword());
            config.put("quarkus.flyway.username", TestInfrastructure.databaseUsername());
            config.put("quarkus.flyway.password", TestInfrastructure.databasePassword());
            boolean reactive = present(REACTIVE_DATASOURCE);
            boolean jdbc = present(JDBC_DATASOURCE);
            // Quarkus warns about the key of a datasource kind the service lacks; with neither detected, give both.
            if (reactive || !jdbc) {
                config.put("quarkus.datasource.reactive.url", TestInfrastructure.reactiveUrl(database));
            }
            if (jdbc || !reactive) {
                config.put("quarkus.datasource.jdbc.url", TestInfrastructure.jdbcUrl(database));
            }
        }
        return config;
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, SwitchboardInfrastructureResource.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    @Override
    public void stop() {
        // Nothing to do: the servers are shared by the whole test JVM and stop when it exits.
    }
}
