package io.switchboard.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.switchboard.infra.Databases;

class SwitchboardInfrastructureResourceTest {

    @Test
    void aSecondStartReusesTheRunningServers() {
        Map<String, String> first = start(Map.of());
        Map<String, String> second = start(Map.of());

        assertThat(second.get("kafka.bootstrap.servers")).isEqualTo(first.get("kafka.bootstrap.servers"));
        assertThat(second.get("quarkus.oidc.public-key")).isEqualTo(first.get("quarkus.oidc.public-key"));
        assertThat(brokerProcesses()).hasSize(1);
    }

    /** What Quarkus does for every @TestProfile: load the resource again in a fresh class loader. */
    @Test
    void aStartFromAnotherClassLoaderReusesTheRunningServers() throws Exception {
        Map<String, String> here = start(Map.of(SwitchboardInfrastructureResource.DATABASE, Databases.CHATS));

        try (URLClassLoader isolated = new URLClassLoader(classPath(), ClassLoader.getPlatformClassLoader())) {
            Class<?> resourceClass = isolated.loadClass(SwitchboardInfrastructureResource.class.getName());
            assertThat(resourceClass).isNotSameAs(SwitchboardInfrastructureResource.class);
            Object resource = resourceClass.getConstructor().newInstance();
            resourceClass.getMethod("init", Map.class).invoke(resource, Map.of(SwitchboardInfrastructureResource.DATABASE, Databases.CHATS));
            @SuppressWarnings("unchecked")
            Map<String, String> there = (Map<String, String>) resourceClass.getMethod("start").invoke(resource);

            assertThat(there).isEqualTo(here);
        }
        assertThat(brokerProcesses()).hasSize(1);
    }

    @Test
    void configuresKafkaOidcAndTheRequestedDatabase() throws Exception {
        Map<String, String> config = start(Map.of(SwitchboardInfrastructureResource.DATABASE, Databases.SESSIONS));

        assertThat(config).containsOnlyKeys("kafka.bootstrap.servers", "quarkus.oidc.public-key", "quarkus.oidc.token.issuer",
                "quarkus.datasource.username", "quarkus.datasource.password", "quarkus.datasource.reactive.url",
                "quarkus.datasource.jdbc.url", "quarkus.flyway.username", "quarkus.flyway.password");
        // The service connects as its own application role, never as the owner of its tables.
        assertThat(config.get("quarkus.datasource.username")).isEqualTo("sessions_app")
                .isNotEqualTo(config.get("quarkus.flyway.username"));
        assertThat(config.get("kafka.bootstrap.servers")).startsWith("127.0.0.1:");
        assertThat(config.get("quarkus.oidc.token.issuer")).isEqualTo(TestTokens.ISSUER);
        assertThat(config.get("quarkus.datasource.reactive.url")).matches("postgresql://127\\.0\\.0\\.1:\\d+/sessions");
        try (Connection connection = DriverManager.getConnection(config.get("quarkus.datasource.jdbc.url"),
                config.get("quarkus.datasource.username"), config.get("quarkus.datasource.password"));
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT current_database()")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getString(1)).isEqualTo(Databases.SESSIONS);
        }
    }

    @Test
    void configuresNoDatasourceWithoutADatabase() {
        assertThat(start(Map.of())).containsOnlyKeys("kafka.bootstrap.servers", "quarkus.oidc.public-key",
                "quarkus.oidc.token.issuer");
    }

    @Test
    void rejectsAnUnknownDatabase() {
        SwitchboardInfrastructureResource resource = new SwitchboardInfrastructureResource();

        assertThatThrownBy(() -> resource.init(Map.of(SwitchboardInfrastructureResource.DATABASE, "nope")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Databases.ALL.toString());
    }

    private static Map<String, String> start(Map<String, String> initArgs) {
        SwitchboardInfrastructureResource resource = new SwitchboardInfrastructureResource();
        resource.init(initArgs);
        return resource.start();
    }

    private static List<ProcessHandle> brokerProcesses() {
        return ProcessHandle.current().descendants()
                .filter(process -> List.of(process.info().arguments().orElse(new String[0])).contains("kafka.Kafka"))
                .toList();
    }

    private static URL[] classPath() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(Path.of(entry).toUri().toURL());
        }
        return urls.toArray(URL[]::new);
    }
}
