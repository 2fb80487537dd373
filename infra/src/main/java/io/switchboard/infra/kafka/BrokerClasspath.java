package io.switchboard.infra.kafka;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds the child JVM's class path: our bootstrap main class plus the jars listed in two files
 * that the Maven build of this module generates (see its pom): the provided-scope broker jars
 * and infra's own runtime jars, which include kafka-clients and its codecs.
 */
final class BrokerClasspath {

    static final List<String> RESOURCES = List.of("broker-provided.classpath", "broker-runtime.classpath");

    private BrokerClasspath() {
    }

    /**
     * Returns the class path, having copied {@link BrokerProcessMain} into {@code bootstrapDir}.
     * The class is copied as bytes because in a Quarkus test the parent's class loader has no
     * reliable file or jar location to point the child at.
     */
    static String prepare(Path bootstrapDir) {
        Set<String> entries = new LinkedHashSet<>();
        entries.add(copyBootstrapClass(bootstrapDir).toString());
        RESOURCES.forEach(resource -> entries.addAll(jarsListedIn(resource)));
        if (entries.stream().noneMatch(jar -> Path.of(jar).getFileName().toString().startsWith("kafka_"))) {
            throw new IllegalStateException("The broker class path lists no kafka_* jar: " + entries);
        }
        return String.join(File.pathSeparator, entries);
    }

    private static Path copyBootstrapClass(Path bootstrapDir) {
        String simpleName = BrokerProcessMain.class.getSimpleName() + ".class";
        Path target = bootstrapDir.resolve(BrokerProcessMain.class.getPackageName().replace('.', '/')).resolve(simpleName);
        try (InputStream in = BrokerProcessMain.class.getResourceAsStream(simpleName)) {
            if (in == null) {
                throw new IllegalStateException("Class file " + simpleName + " is not readable from " + BrokerProcessMain.class.getClassLoader());
            }
            Files.createDirectories(target.getParent());
            Files.write(target, in.readAllBytes());
            return bootstrapDir;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not copy " + simpleName + " to " + bootstrapDir, e);
        }
    }

    private static List<String> jarsListedIn(String resource) {
        String listing;
        try (InputStream in = BrokerClasspath.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the infra classes: build infra with Maven,"
                        + " whose dependency plugin generates it");
            }
            listing = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + resource, e);
        }
        List<String> jars = new ArrayList<>();
        for (String jar : listing.split(File.pathSeparator)) {
            if (jar.isBlank()) {
                continue;
            }
            if (!Files.isRegularFile(Path.of(jar))) {
                throw new IllegalStateException("Jar " + jar + " listed in " + resource + " does not exist;"
                        + " rebuild infra (mvn install -pl infra) on this machine");
            }
            jars.add(jar);
        }
        return jars;
    }
}
