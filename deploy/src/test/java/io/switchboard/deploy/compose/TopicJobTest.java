package io.switchboard.deploy.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The one-shot topic job creates exactly the topics the services use, with the partition count they expect. */
class TopicJobTest {

    private static final Pattern TOPIC_KEY = Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.[^.]+\\.topic");
    private static final Pattern DEFAULT_PARTITIONS = Pattern.compile("DEFAULT_PARTITIONS\\s*=\\s*(\\d+)\\s*;");
    private static final Pattern DEAD_LETTER_SUFFIX = Pattern.compile("DEAD_LETTER_SUFFIX\\s*=\\s*\"([^\"]+)\"");

    private final ResolvedCompose compose = ResolvedCompose.get();

    @Test
    void createsTheServicesTopicsAndTheirDeadLetterTopics() throws IOException {
        Set<String> expected = new TreeSet<>();
        String suffix = match(DEAD_LETTER_SUFFIX, "events/src/main/java/io/switchboard/events/Topics.java");
        for (String module : compose.moduleServices().values()) {
            for (String topic : servicesTopics(module)) {
                expected.add(topic);
                expected.add(topic + suffix);
            }
        }

        assertThat(expected).as("topics read from the services").hasSizeGreaterThanOrEqualTo(8);
        assertThat(Set.of(jobEnvironment().get("SWITCHBOARD_TOPICS").strip().split("\\s+")))
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void usesThePartitionCountTheServicesAreBuiltFor() throws IOException {
        // The services compute a chat's partition with it (InfraSettings.DEFAULT_PARTITIONS, which ./switchboard
        // and the tests create their topics with).
        String partitions = match(DEFAULT_PARTITIONS, "infra/src/main/java/io/switchboard/infra/InfraSettings.java");

        assertThat(jobEnvironment()).containsEntry("SWITCHBOARD_PARTITIONS", partitions);
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

    private static Set<String> servicesTopics(String module) {
        Path file = RepositoryRoot.resolve(module + "/src/main/resources/application.properties");
        Set<String> topics = new TreeSet<>();
        ApplicationProperties.values(file).forEach((key, value) -> {
            if (TOPIC_KEY.matcher(key).matches()) {
                topics.add(value);
            }
        });
        return topics;
    }

    private static String match(Pattern pattern, String relativePath) throws IOException {
        Matcher matcher = pattern.matcher(Files.readString(RepositoryRoot.resolve(relativePath)));
        assertThat(matcher.find()).as("%s in %s", pattern, relativePath).isTrue();
        return matcher.group(1);
    }
}
