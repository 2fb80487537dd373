package io.switchboard.deploy.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import io.switchboard.deploy.Checkout;
import io.switchboard.events.Topics;
import io.switchboard.infra.InfraSettings;

/** The one-shot topic job creates exactly the topics the services use, with the partition count they expect. */
class TopicJobTest {

    private final ResolvedCompose compose = ResolvedCompose.get();

    @Test
    void createsTheServicesTopicsAndTheirDeadLetterTopics() {
        Set<String> expected = new TreeSet<>();
        for (String module : compose.moduleServices().values()) {
            for (String topic : Checkout.topics(module)) {
                expected.add(topic);
                expected.add(Topics.deadLetter(topic));
            }
        }

        assertThat(expected).as("topics read from the services").hasSizeGreaterThanOrEqualTo(8);
        assertThat(Set.of(jobEnvironment().get("SWITCHBOARD_TOPICS").strip().split("\\s+")))
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void usesThePartitionCountTheServicesAreBuiltFor() {
        // The services compute a chat's partition with it (InfraSettings.DEFAULT_PARTITIONS, which ./switchboard
        // and the tests create their topics with).
        assertThat(jobEnvironment()).containsEntry("SWITCHBOARD_PARTITIONS",
                String.valueOf(InfraSettings.DEFAULT_PARTITIONS));
    }

    @Test
    void runsTheTopicScriptAgainstTheBroker() throws IOException {
        String job = topicJob();
        List<String> entrypoint = compose.stringList(compose.service(job).path("entrypoint"));
        String script = Files.readString(RepositoryRoot.resolve("deploy/docker/create-topics.sh"));

        assertThat(compose.mounts(job)).anySatisfy(mount -> {
            assertThat(Path.of(mount.source())).isEqualTo(RepositoryRoot.resolve("deploy/docker/create-topics.sh"));
            assertThat(entrypoint).contains(mount.target());
        });
        assertThat(script).contains("$SWITCHBOARD_TOPICS", "\"$SWITCHBOARD_PARTITIONS\"", "--if-not-exists");
        assertThat(compose.dependsOn(job)).containsEntry("kafka", "service_healthy");
    }

    private Map<String, String> jobEnvironment() {
        return compose.environment(topicJob());
    }

    private String topicJob() {
        return compose.oneShotJobs().stream()
                .filter(job -> compose.environment(job).containsKey("SWITCHBOARD_TOPICS"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No one-shot job with SWITCHBOARD_TOPICS that others await"));
    }
}
