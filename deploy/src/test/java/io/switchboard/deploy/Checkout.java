package io.switchboard.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The repository checkout the deployment material lives in, and what the services' own configuration says that
 * both the compose file and the Kubernetes manifests must agree with.
 */
public final class Checkout {

    private Checkout() {
    }

    /** The nearest directory above the working directory that holds docker-compose.yml and deploy/. */
    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("docker-compose.yml")) && Files.isDirectory(dir.resolve("deploy"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("No docker-compose.yml above " + Path.of("").toAbsolutePath());
    }

    /** A module's application.properties as written: profile prefixes kept, expressions unresolved. */
    public static Properties applicationProperties(String module) {
        Path file = root().resolve(module).resolve("src/main/resources/application.properties");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
        return properties;
    }

    /** Every Kafka topic the module's messaging channels name. */
    public static Set<String> topics(String module) {
        Properties properties = applicationProperties(module);
        Set<String> topics = new TreeSet<>();
        properties.stringPropertyNames().stream()
                .filter(key -> key.startsWith("mp.messaging.") && key.endsWith(".topic"))
                .forEach(key -> topics.add(properties.getProperty(key).trim()));
        return topics;
    }
}
