package io.switchboard.deploy.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The configuration one service knows and needs, read from its sources: its application.properties and the
 * {@code @ConfigMapping} interfaces of its module and of the repository's modules it depends on (service-kit).
 *
 * @param knownNames    every configuration name it reads; a {@code *} segment stands for a map key
 * @param requiredNames the names production needs set, since neither a default nor a property supplies them
 */
record ServiceConfiguration(Set<String> knownNames, Set<String> requiredNames) {

    /**
     * Read outside Quarkus's configuration, so no source names them: the image's entrypoint passes JAVA_OPTS to the
     * JVM (deploy/docker/Dockerfile.jvm).
     */
    static final Set<String> IMAGE_VARIABLES = Set.of("JAVA_OPTS");

    private static final Pattern DEPENDENCY = Pattern.compile("<artifactId>([\\w.-]+)</artifactId>");

    /** The configuration of the module in directory {@code moduleDir} of a checkout at {@code root}. */
    static ServiceConfiguration of(Path root, String moduleDir) {
        Path module = root.resolve(moduleDir);
        ApplicationProperties properties = ApplicationProperties.read(
                module.resolve("src/main/resources/application.properties"));
        Set<String> known = new TreeSet<>(properties.setNames());
        known.addAll(properties.referencedNames());
        Set<String> required = new TreeSet<>(properties.requiredReferences());
        for (ConfigMappingKeys.MappingKey key : mappingKeys(root, module)) {
            known.add(key.name());
            if (key.required() && !properties.prodSetNames().contains(key.name())) {
                required.add(key.name());
            }
        }
        return new ServiceConfiguration(known, required);
    }

    /** Whether an environment variable sets one of the known names (or is one the image reads). */
    boolean knows(String envName) {
        if (IMAGE_VARIABLES.contains(envName)) {
            return true;
        }
        return knownNames.stream().anyMatch(name -> EnvNames.patternOf(name).matcher(envName).matches());
    }

    /** The required names none of {@code envNames} sets. */
    List<String> missing(Set<String> envNames) {
        return requiredNames.stream().filter(name -> !envNames.contains(EnvNames.of(name))).toList();
    }

    private static List<ConfigMappingKeys.MappingKey> mappingKeys(Path root, Path module) {
        List<ConfigMappingKeys.MappingKey> keys = new ArrayList<>();
        for (Path sources : sourceRoots(root, module)) {
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                    String source = Files.readString(file);
                    if (source.contains("@ConfigMapping")) {
                        keys.addAll(ConfigMappingKeys.of(source));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return keys;
    }

    /** The module's main sources and those of every repository module its pom names as a dependency. */
    private static List<Path> sourceRoots(Path root, Path module) {
        List<Path> roots = new ArrayList<>();
        roots.add(module.resolve("src/main/java"));
        try {
            Matcher dependency = DEPENDENCY.matcher(Files.readString(module.resolve("pom.xml")));
            while (dependency.find()) {
                Path sibling = root.resolve(dependency.group(1)).resolve("src/main/java");
                if (!sibling.startsWith(module) && Files.isDirectory(sibling) && !roots.contains(sibling)) {
                    roots.add(sibling);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return roots;
    }
}
