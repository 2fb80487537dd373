package io.switchboard.deploy.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** docker-compose.yml parses and validates, and refuses to render without the passwords it needs. */
class ComposeConfigTest {

    /** docker-compose 1.29 ends a missing {@code ${VAR:?message}} with: ... in service "x": message */
    private static final Pattern MISSING_MESSAGE = Pattern.compile("in service \"[^\"]+\": (.*)$");

    @Test
    void validatesWithThePlaceholdersOfEnvExample() {
        ComposeCli.Result result = ComposeCli.config(EnvFiles.example());

        assertThat(result.exitCode()).as("docker-compose config failed:\n%s", result.stderr()).isZero();
        assertThat(ResolvedCompose.of(result).services()).contains("kafka", "postgres", "keycloak",
                "session-service", "chat-service", "git-workspace-service", "gateway");
    }

    @Test
    void envExampleSetsEveryVariableTheFileRequires() {
        assertThat(EnvFiles.requiredByCompose()).as("variables required with ${VAR:?}").isNotEmpty();
        assertThat(EnvFiles.exampleValues()).containsKeys(EnvFiles.requiredByCompose().toArray(String[]::new));
    }

    @Test
    void failsNamingEachRequiredVariableThatIsMissing() {
        // One compose run per variable, side by side: each takes seconds, most of it Python starting.
        Map<String, ComposeCli.Result> results = EnvFiles.requiredByCompose().parallelStream()
                .collect(Collectors.toMap(variable -> variable,
                        variable -> ComposeCli.config(EnvFiles.exampleWithout(variable))));
        results.forEach((variable, result) -> {
            assertThat(result.exitCode()).as("docker-compose config without %s", variable).isNotZero();
            Matcher message = MISSING_MESSAGE.matcher(result.lastErrorLine());
            assertThat(message.find()).as("compose's message without %s: %s", variable, result.stderr()).isTrue();
            assertThat(message.group(1)).as("message without %s", variable).contains(variable);
        });
    }

    @Test
    void passwordsAndSecretsComeOnlyFromTheEnvironment() {
        ResolvedCompose compose = ResolvedCompose.get();
        Map<String, String> placeholders = EnvFiles.exampleValues();
        for (String service : compose.services()) {
            compose.environment(service).forEach((name, value) -> {
                if (name.contains("PASSWORD") || name.contains("SECRET")) {
                    assertThat(placeholders.values())
                            .as("%s of %s is not taken from the environment (.env.example)", name, service)
                            .contains(value);
                }
            });
        }
    }
}
