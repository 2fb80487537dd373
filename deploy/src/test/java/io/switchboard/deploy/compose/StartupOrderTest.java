package io.switchboard.deploy.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** Containers start in the order their calls need, report their health, and come back after a crash. */
class StartupOrderTest {

    /** host:port inside a value: {@code kafka:9092}, {@code http://keycloak:8180/...}, {@code //postgres:5432}. */
    private static final Pattern HOST_AND_PORT = Pattern.compile("(?<![\\w.-])([a-z0-9][a-z0-9-]*):\\d+");
    private static final Set<String> RESTARTING = Set.of("always", "unless-stopped");

    private final ResolvedCompose compose = ResolvedCompose.get();

    @Test
    void everyServiceWaitsForTheHealthOfWhatItCalls() {
        for (String service : compose.moduleServices().keySet()) {
            Map<String, String> dependsOn = compose.dependsOn(service);
            for (String called : calledServices(service)) {
                assertThat(dependsOn).as("%s calls %s", service, called)
                        .containsEntry(called, "service_healthy");
                for (String job : jobsPreparing(called)) {
                    assertThat(dependsOn).as("%s calls %s, which %s prepares", service, called, job)
                            .containsEntry(job, "service_completed_successfully");
                }
            }
        }
    }

    @Test
    void theServicesCallKafkaPostgresKeycloakAndEachOther() {
        // Guards the host detection of the test above, which would pass on a service that calls nothing.
        assertThat(calledServices("chat-service"))
                .containsExactlyInAnyOrder("kafka", "postgres", "keycloak", "git-workspace-service");
        assertThat(calledServices("gateway")).contains("session-service", "chat-service", "git-workspace-service");
    }

    @Test
    void noContainerWaitsOnlyForAnotherToStart() {
        for (String service : compose.services()) {
            compose.dependsOn(service).forEach((target, condition) -> {
                String expected = compose.oneShotJobs().contains(target)
                        ? "service_completed_successfully" : "service_healthy";
                assertThat(condition).as("%s depends on %s", service, target).isEqualTo(expected);
            });
        }
    }

    @Test
    void everyLongRunningContainerHasAHealthcheckAndARestartPolicy() {
        for (String service : longRunning()) {
            JsonNode healthcheck = compose.service(service).path("healthcheck");
            assertThat(healthcheck.path("disable").asBoolean(false)).as("healthcheck of %s disabled", service)
                    .isFalse();
            assertThat(compose.stringList(healthcheck.path("test"))).as("healthcheck of %s", service)
                    .isNotEmpty().doesNotContain("NONE");
            assertThat(compose.restartPolicy(service)).as("restart policy of %s", service)
                    .hasValueSatisfying(policy -> assertThat(RESTARTING.contains(policy)
                            || policy.startsWith("on-failure")).as(policy).isTrue());
        }
    }

    @Test
    void oneShotJobsRunOnce() {
        assertThat(compose.oneShotJobs()).isNotEmpty();
        for (String job : compose.oneShotJobs()) {
            assertThat(compose.restartPolicy(job).orElse("no")).as("restart policy of %s", job).isEqualTo("no");
        }
    }

    @Test
    void serviceHealthchecksAskTheReadinessOfTheManagementPort() throws IOException {
        String script = Files.readString(RepositoryRoot.resolve("deploy/docker/healthcheck.sh"));
        String dockerfile = Files.readString(RepositoryRoot.resolve("deploy/docker/Dockerfile.jvm"));
        assertThat(script).contains("SWITCHBOARD_MANAGEMENT_PORT").contains("/q/health/ready");
        assertThat(dockerfile).contains("COPY deploy/docker/healthcheck.sh /app/healthcheck.sh");
        for (String service : compose.moduleServices().keySet()) {
            assertThat(compose.stringList(compose.service(service).path("healthcheck").path("test")))
                    .as("healthcheck of %s", service).containsExactly("CMD", "/app/healthcheck.sh");
            assertThat(compose.environment(service)).as("environment of %s", service)
                    .containsKey("SWITCHBOARD_MANAGEMENT_PORT");
        }
    }

    private Set<String> longRunning() {
        Set<String> services = new TreeSet<>(compose.services());
        services.removeAll(compose.oneShotJobs());
        return services;
    }

    private Set<String> calledServices(String service) {
        Set<String> called = new TreeSet<>();
        for (String value : compose.environment(service).values()) {
            Matcher matcher = HOST_AND_PORT.matcher(value);
            while (matcher.find()) {
                if (compose.services().contains(matcher.group(1)) && !matcher.group(1).equals(service)) {
                    called.add(matcher.group(1));
                }
            }
        }
        return called;
    }

    /** One-shot jobs that work on {@code service} (they depend on it), such as the topic job on Kafka. */
    private Set<String> jobsPreparing(String service) {
        Set<String> jobs = new TreeSet<>();
        for (String job : compose.oneShotJobs()) {
            if (compose.dependsOn(job).containsKey(service)) {
                jobs.add(job);
            }
        }
        return jobs;
    }
}
