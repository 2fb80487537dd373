package io.switchboard.deploy.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** State survives a restart: each named volume is mounted where its container really writes, and writable. */
class VolumesTest {

    /**
     * Where the apache/kafka image writes its log when KAFKA_LOG_DIRS is unset (its configureDefaults script):
     * inside the container, lost with it.
     */
    private static final String KAFKA_IMAGE_LOG_DIR = "/tmp/kraft-combined-logs";
    private static final Pattern USER = Pattern.compile("(?m)^USER\\s+(\\d+)");

    private final ResolvedCompose compose = ResolvedCompose.get();

    @Test
    void everyNamedVolumeIsMounted() {
        Set<String> mounted = new TreeSet<>();
        for (String service : compose.services()) {
            compose.mounts(service).stream().filter(ResolvedCompose.Mount::namedVolume)
                    .forEach(mount -> mounted.add(mount.source()));
        }

        assertThat(compose.namedVolumes()).isNotEmpty();
        assertThat(mounted).containsAll(compose.namedVolumes());
    }

    @Test
    void kafkaKeepsItsLogOnAVolume() {
        List<String> brokers = new ArrayList<>();
        for (String service : compose.services()) {
            Map<String, String> env = compose.environment(service);
            if (!env.getOrDefault("KAFKA_PROCESS_ROLES", "").contains("broker")) {
                continue;
            }
            brokers.add(service);
            for (String logDir : env.getOrDefault("KAFKA_LOG_DIRS", KAFKA_IMAGE_LOG_DIR).split(",")) {
                assertThat(namedVolumeTargets(service)).as("named volumes of %s (log dir %s)", service, logDir)
                        .contains(logDir.strip());
            }
            assertThat(env).as("environment of %s", service).containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
        }
        assertThat(brokers).as("Kafka brokers").isNotEmpty();
    }

    @Test
    void workspacesLiveOnAVolumeTheServiceMayWrite() throws IOException {
        String dataDir = compose.environment("git-workspace-service").get("SWITCHBOARD_WORKSPACE_DATA_DIR");
        assertThat(dataDir).as("SWITCHBOARD_WORKSPACE_DATA_DIR of git-workspace-service").startsWith("/");
        assertThat(namedVolumeTargets("git-workspace-service")).contains(dataDir);

        // A named volume takes the owner of the image's directory it is first mounted on; a directory the image
        // lacks is created for root, and the service, not root, could not write there.
        String dockerfile = Files.readString(RepositoryRoot.resolve("deploy/docker/Dockerfile.jvm"));
        Matcher user = USER.matcher(dockerfile);
        assertThat(user.find()).as("Dockerfile.jvm runs as a numeric USER").isTrue();
        assertThat(user.group(1)).isNotEqualTo("0");
        assertThat(runInstructions(dockerfile)).as("RUN instructions of Dockerfile.jvm")
                .anySatisfy(run -> assertThat(run).contains("mkdir -p " + dataDir)
                        .containsPattern("chown " + user.group(1) + "(:\\d+)? " + Pattern.quote(dataDir)));
    }

    @Test
    void postgresKeepsItsDataOnAVolume() {
        assertThat(compose.service("postgres").path("image").asText()).startsWith("postgres:18");
        // From PostgreSQL 18 the image keeps its data in a versioned directory below /var/lib/postgresql.
        assertThat(namedVolumeTargets("postgres")).contains("/var/lib/postgresql");
    }

    private Set<String> namedVolumeTargets(String service) {
        Set<String> targets = new TreeSet<>();
        compose.mounts(service).stream().filter(ResolvedCompose.Mount::namedVolume)
                .forEach(mount -> targets.add(mount.target()));
        return targets;
    }

    private static List<String> runInstructions(String dockerfile) {
        List<String> runs = new ArrayList<>();
        for (String instruction : dockerfile.replace("\\\n", " ").split("\n")) {
            if (instruction.startsWith("RUN ")) {
                runs.add(instruction.replaceAll("\\s+", " "));
            }
        }
        return runs;
    }
}
