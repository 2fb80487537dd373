package io.switchboard.deploy.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * How a service's known and required configuration is read from its sources, on a miniature checkout
 * (src/test/resources/compose/checkout) that has what the real services happen not to: keys required without a
 * default. The environment checks against the real services rely on exactly this reading.
 */
class ServiceConfigurationTest {

    private final ServiceConfiguration fixture = ServiceConfiguration.of(checkout(), "fixture-service");

    @Test
    void requiresReferencesWithoutDefaultAndMappingKeysWithoutDefault() {
        assertThat(fixture.requiredNames()).containsExactlyInAnyOrder("FIXTURE_TOKEN", "fixture.widget.max-wait",
                "fixture.widget.limits.per-tenant");
    }

    @Test
    void reportsWhatTheEnvironmentLeavesUnset() {
        assertThat(fixture.missing(Set.of("FIXTURE_TOKEN", "FIXTURE_WIDGET_MAX_WAIT")))
                .containsExactly("fixture.widget.limits.per-tenant");
        assertThat(fixture.missing(Set.of("FIXTURE_TOKEN", "FIXTURE_WIDGET_MAX_WAIT",
                "FIXTURE_WIDGET_LIMITS_PER_TENANT"))).isEmpty();
    }

    @Test
    void knowsPropertiesReferencesMappingsAndTheLibrariesMappings() {
        assertThat(fixture.knows("FIXTURE_PORT")).isTrue();
        assertThat(fixture.knows("FIXTURE_ISSUER")).isTrue();
        assertThat(fixture.knows("QUARKUS_OIDC_AUTH_SERVER_URL")).isTrue();
        assertThat(fixture.knows("FIXTURE_SECOND_AUDIENCE")).as("reference on a continuation line").isTrue();
        assertThat(fixture.knows("FIXTURE_TEST_ONLY")).isTrue();
        assertThat(fixture.knows("FIXTURE_WIDGET_HOME_PAGE")).isTrue();
        assertThat(fixture.knows("FIXTURE_WIDGET_LIMITS_MAX_URL_LENGTH")).as("acronym in kebab case").isTrue();
        assertThat(fixture.knows("FIXTURE_WIDGET_ENDPOINTS_PRIMARY_BASE_URL")).as("map of groups").isTrue();
        assertThat(fixture.knows("KIT_MODE")).as("mapping of a dependency").isTrue();
        assertThat(fixture.knows("JAVA_OPTS")).as("read by the image").isTrue();
    }

    @Test
    void doesNotKnowWhatNoSourceNames() {
        assertThat(fixture.knows("FIXTURE_TOKN")).isFalse();
        assertThat(fixture.knows("FIXTURE_WIDGET_ENDPOINTS_BASE_URL")).as("map without a key").isFalse();
        assertThat(fixture.knows("FIXTURE_WIDGET_LIMITS")).isFalse();
        assertThat(fixture.knows("QUARKUS_UUID")).as("referenced, so known").isTrue();
    }

    @Test
    void namesEnvironmentVariablesAsSmallRyeDoes() {
        assertThat(EnvNames.of("quarkus.oidc.auth-server-url")).isEqualTo("QUARKUS_OIDC_AUTH_SERVER_URL");
        assertThat(EnvNames.of("quarkus.log.category.\"org.hibernate\".level"))
                .isEqualTo("QUARKUS_LOG_CATEGORY__ORG_HIBERNATE__LEVEL");
        assertThat(ConfigMappingKeys.kebab("maxRunningTurnsPerTenant")).isEqualTo("max-running-turns-per-tenant");
    }

    private static Path checkout() {
        try {
            return Path.of(ServiceConfigurationTest.class.getResource("/compose/checkout").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
