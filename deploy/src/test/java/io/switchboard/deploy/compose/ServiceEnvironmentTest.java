package io.switchboard.deploy.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * Every service's compose environment against its configuration as its sources declare it: no variable the
 * service would ignore (a typo or a removed key), and nothing it needs without a default left out.
 */
class ServiceEnvironmentTest {

    private static final Set<String> SERVICES = Set.of("session-service", "chat-service", "git-workspace-service",
            "gateway");

    @Test
    void theFourServicesAreBuiltFromTheirModules() {
        Map<String, String> modules = ResolvedCompose.get().moduleServices();

        assertThat(modules.keySet()).containsExactlyInAnyOrderElementsOf(SERVICES);
        modules.forEach((service, module) -> assertThat(module).as("module of %s", service).isEqualTo(service));
    }

    @Test
    void everyVariableSetsAConfigurationKeyTheServiceKnows() {
        ResolvedCompose compose = ResolvedCompose.get();
        Path root = RepositoryRoot.path();
        compose.moduleServices().forEach((service, module) -> {
            ServiceConfiguration configuration = ServiceConfiguration.of(root, module);
            List<String> unknown = compose.environment(service).keySet().stream()
                    .filter(name -> !configuration.knows(name))
                    .toList();

            assertThat(unknown).as("variables of %s that no configuration key of %s reads", service, module)
                    .isEmpty();
        });
    }

    @Test
    void everyKeyTheServiceNeedsWithoutADefaultIsSet() {
        ResolvedCompose compose = ResolvedCompose.get();
        Path root = RepositoryRoot.path();
        compose.moduleServices().forEach((service, module) -> {
            ServiceConfiguration configuration = ServiceConfiguration.of(root, module);

            assertThat(configuration.missing(compose.environment(service).keySet()))
                    .as("keys %s needs in production that its compose environment leaves unset", service)
                    .isEmpty();
        });
    }

    @Test
    void theKnownKeysComeFromTheSources() {
        // Guards the reading itself: were the sources misread, every variable would look unknown or every key
        // optional, and the two tests above would prove nothing.
        ServiceConfiguration chat = ServiceConfiguration.of(RepositoryRoot.path(), "chat-service");

        assertThat(chat.knows("SWITCHBOARD_SERVICE_CLIENT_SECRET")).as("${} reference in properties").isTrue();
        assertThat(chat.knows("QUARKUS_OIDC_CLIENT_CLIENT_ENABLED")).as("property key").isTrue();
        assertThat(chat.knows("SWITCHBOARD_CHAT_SCHEDULING_MAX_QUEUED_TURNS_PER_CHAT")).as("mapping").isTrue();
        assertThat(chat.knows("SWITCHBOARD_OUTBOX_BATCH_SIZE")).as("service-kit mapping").isTrue();
        assertThat(chat.knows("SWITCHBOARD_PROVIDERS_OPENAI_OLLAMA_BASE_URL")).as("map of groups").isTrue();
        assertThat(chat.knows("SWITCHBOARD_WORKSPACE_URL_TYPO")).isFalse();
        assertThat(ServiceConfiguration.of(RepositoryRoot.path(), "gateway").knows("SWITCHBOARD_SERVICE_CLIENT_ID"))
                .as("chat-service's key, not the gateway's").isFalse();
    }
}
