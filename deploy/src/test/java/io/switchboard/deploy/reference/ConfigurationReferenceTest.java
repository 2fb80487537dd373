package io.switchboard.deploy.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.switchboard.deploy.Checkout;
import io.switchboard.deploy.reference.ConfigurationReference.Overridable;
import io.switchboard.deploy.reference.ConfigurationReference.Row;
import io.switchboard.deploy.reference.ConfigurationReference.Section;

/**
 * docs/configuration.md is what the generator makes of the services' application.properties today, and the
 * generator reads those files as Quarkus does.
 */
class ConfigurationReferenceTest {

    private static final Path GENERATED = Checkout.root().resolve("deploy/target/configuration.md");

    /** A reference to a variable as an independent, cruder reading finds it. */
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");

    private static final String SNIPPET = """
            # The port
            #
            # | of the API.
            fixture.port=${FIXTURE_PORT:8080}
            # Not directly above: a blank line follows.

            fixture.token=${FIXTURE_TOKEN}
            fixture.issuer=${FIXTURE_ISSUER:${quarkus.oidc.auth-server-url:local}}
            fixture.group=fixture-${quarkus.uuid}
            # Audiences, on two lines.
            fixture.audience=a,\\
                ${FIXTURE_SECOND_AUDIENCE:b}
            fixture.key=${FIXTURE_KEY:}
            # Only tests.
            %test.fixture.test-only=${FIXTURE_TEST_ONLY:x}
            %dev.fixture.port=${FIXTURE_DEV_PORT:1}
            %prod.fixture.mode=${FIXTURE_PROD_MODE:cluster}
            # Where it runs.
            fixture.mode=${FIXTURE_MODE:local}
            quarkus.otel.sdk.disabled=true
            quarkus.log.console.json.enabled=${FIXTURE_LOG_JSON:false}
            quarkus.http.port=8080
            """;

    private final List<Section> sections = ConfigurationReference.read(Checkout.root());

    @Test
    void committedReferenceIsUpToDate() throws IOException {
        String generated = ConfigurationReference.markdown(sections);
        Files.createDirectories(GENERATED.getParent());
        Files.writeString(GENERATED, generated);
        Path committed = Checkout.root().resolve("docs/configuration.md");
        assertThat(Files.exists(committed) ? Files.readString(committed) : "")
                .as("docs/configuration.md does not match the services' application.properties; the current one is "
                        + "in deploy/target/configuration.md: cp deploy/target/configuration.md docs/configuration.md")
                .isEqualTo(generated);
    }

    @Test
    void everyServiceWritesReadableLogsUnlessTold() {
        assertThat(sections).extracting(Section::service).containsExactlyElementsOf(ConfigurationReference.SERVICES);
        for (Section section : sections) {
            assertThat(section.rows()).as(section.service())
                    .filteredOn(row -> row.variable().equals("SWITCHBOARD_LOG_JSON"))
                    .containsExactly(new Row("SWITCHBOARD_LOG_JSON", "quarkus.log.console.json.enabled",
                            Optional.of("false"), "Logs: readable lines by default; one JSON object per line where a"
                                    + " log store collects them (containers: SWITCHBOARD_LOG_JSON=true), with chatId,"
                                    + " tenantId and turnId from the logging context as fields under \"mdc\"."));
        }
    }

    @Test
    void everyVariableAServiceReadsInProductionIsARow() throws IOException {
        for (String service : ConfigurationReference.SERVICES) {
            Path file = Checkout.root().resolve(service).resolve("src/main/resources/application.properties");
            List<String> referenced = Files.readAllLines(file).stream()
                    .filter(line -> !line.startsWith("%") && !line.startsWith("#"))
                    .flatMap(line -> ENV_REFERENCE.matcher(line).results().map(match -> match.group(1)))
                    .toList();
            assertThat(section(service).rows()).as(service).extracting(Row::variable)
                    .containsAll(referenced);
        }
    }

    @Test
    void aSharedVariableWithoutItsOwnCommentIsDescribedOnceForAllAndEverySharedDescriptionIsUsed() {
        for (String service : List.of("session-service", "chat-service", "git-workspace-service")) {
            assertThat(section(service).rows()).as(service).filteredOn(row -> row.variable()
                    .equals("SWITCHBOARD_DB_OWNER")).extracting(Row::description)
                    .containsExactly(ConfigurationReference.SHARED_DESCRIPTIONS.get("SWITCHBOARD_DB_OWNER"));
        }
        assertThat(sections.stream().flatMap(section -> section.rows().stream()).map(Row::variable))
                .containsAll(ConfigurationReference.SHARED_DESCRIPTIONS.keySet());
    }

    @Test
    void gatewayListsItsBackendsRolesAndSignIn() {
        Section gateway = section("gateway");
        assertThat(gateway.rows()).contains(
                new Row("SWITCHBOARD_ROLE_CLAIMS", "quarkus.oidc.roles.role-claim-path",
                        Optional.of("groups,realm_access/roles"), "Roles: from each of these claims the token has"
                                + " (Keycloak puts realm roles in realm_access/roles)."),
                new Row("SWITCHBOARD_WEB_CLIENT_ID", "switchboard.web.sign-in.client-id", Optional.of(""),
                        "The browser app signs in at the provider when its client is named (authorization code with"
                                + " PKCE, see docs/oidc.md); otherwise with the local token."),
                new Row("SWITCHBOARD_WEB_ISSUER", "switchboard.web.sign-in.issuer",
                        Optional.of("${quarkus.oidc.token.issuer}"), "The issuer as browsers reach it, when that"
                                + " differs from the services' address of the provider."));
        assertThat(gateway.rows()).extracting(Row::variable)
                .contains("SWITCHBOARD_SESSION_URL", "SWITCHBOARD_CHAT_URL", "SWITCHBOARD_WORKSPACE_URL")
                .as("named only in a comment, read as switchboard.auth.user-audience")
                .doesNotContain("SWITCHBOARD_AUTH_USER_AUDIENCE");
        assertThat(gateway.overridable()).contains(
                new Overridable("QUARKUS_OTEL_SDK_DISABLED", "quarkus.otel.sdk.disabled", "true"),
                new Overridable("QUARKUS_OTEL_TRACES_SAMPLER_ARG", "quarkus.otel.traces.sampler.arg", "1.0"));
        assertThat(gateway.overridable()).as("the sampler is fixed at build time: no variable changes it")
                .extracting(Overridable::property).doesNotContain("quarkus.otel.traces.sampler");
        assertThat(ConfigurationReference.markdown(List.of(gateway))).contains("| `SWITCHBOARD_CORS_ORIGINS` | "
                + "`quarkus.http.cors.origins` | `http://127.0.0.1:8080,http://localhost:8080` |");
    }

    @Test
    void readsCommentsContinuationsNestedDefaultsAndProfiles() {
        Section fixture = ConfigurationReference.section("fixture", SNIPPET);

        assertThat(fixture.rows()).containsExactly(
                new Row("FIXTURE_ISSUER", "fixture.issuer", Optional.of("${quarkus.oidc.auth-server-url:local}"), ""),
                new Row("FIXTURE_KEY", "fixture.key", Optional.of(""), ""),
                new Row("FIXTURE_LOG_JSON", "quarkus.log.console.json.enabled", Optional.of("false"), ""),
                new Row("FIXTURE_PORT", "fixture.port", Optional.of("8080"), "The port | of the API."),
                new Row("FIXTURE_PROD_MODE", "fixture.mode", Optional.of("cluster"), "Where it runs."),
                new Row("FIXTURE_SECOND_AUDIENCE", "fixture.audience", Optional.of("b"), "Audiences, on two lines."),
                new Row("FIXTURE_TOKEN", "fixture.token", Optional.empty(), ""));
        assertThat(fixture.overridable()).containsExactly(
                new Overridable("QUARKUS_OTEL_SDK_DISABLED", "quarkus.otel.sdk.disabled", "true"));
        assertThat(ConfigurationReference.markdown(List.of(fixture))).contains(
                "| `FIXTURE_PORT` | `fixture.port` | `8080` | The port \\| of the API. |\n",
                "| `FIXTURE_KEY` | `fixture.key` | empty |  |\n",
                "| `FIXTURE_TOKEN` | `fixture.token` | required |  |\n",
                "- `quarkus.otel.sdk.disabled=true`: overridable as `QUARKUS_OTEL_SDK_DISABLED`\n");
    }

    private Section section(String service) {
        return sections.stream().filter(section -> section.service().equals(service)).findFirst().orElseThrow();
    }
}
