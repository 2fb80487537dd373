package io.switchboard.deploy.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The variables docker-compose.yml needs: .env.example's placeholders and the file's own {@code ${VAR:?}}. */
final class EnvFiles {

    private static final Pattern REQUIRED = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*):?\\?");

    private EnvFiles() {
    }

    /** .env.example at the checkout's root: the placeholders the tests run compose with. */
    static Path example() {
        return RepositoryRoot.resolve(".env.example");
    }

    /** The variables .env.example sets (commented-out lines excluded), in file order. */
    static Map<String, String> exampleValues() {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : lines(example())) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || !trimmed.contains("=")) {
                continue;
            }
            String[] parts = trimmed.split("=", 2);
            values.put(parts[0].strip(), parts[1].strip());
        }
        return values;
    }

    /** Every variable docker-compose.yml requires with {@code ${VAR:?message}} or {@code ${VAR?message}}. */
    static List<String> requiredByCompose() {
        String text = read(RepositoryRoot.resolve("docker-compose.yml"));
        Matcher matcher = REQUIRED.matcher(text);
        return matcher.results().map(result -> result.group(1)).distinct().sorted().collect(Collectors.toList());
    }

    /** A copy of .env.example without {@code variable}, in a temporary file. */
    static Path exampleWithout(String variable) {
        String kept = lines(example()).stream()
                .filter(line -> !line.strip().startsWith(variable + "="))
                .collect(Collectors.joining("\n", "", "\n"));
        try {
            Path file = Files.createTempFile("compose-without-" + variable, ".env");
            Files.writeString(file, kept);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(Path file) {
        return List.of(read(file).split("\n"));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
