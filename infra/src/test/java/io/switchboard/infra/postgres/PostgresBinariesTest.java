package io.switchboard.infra.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.util.ArchUtils;

/**
 * The build picks one platform's PostgreSQL binaries by OS profile (infra/pom.xml); zonky finds them at run time
 * only by a resource name derived from os.name and os.arch. A profile naming the wrong artifact, or a zonky upgrade
 * that renames its archives, would otherwise show up only as a launcher that cannot start PostgreSQL.
 */
class PostgresBinariesTest {

    /** The archive each binaries artifact holds, as listed in the jars; each build should bring exactly one. */
    private static final List<String> ALL_PLATFORMS = List.of(
            "postgres-linux-x86_64.txz",
            "postgres-linux-arm_64.txz",
            "postgres-darwin-x86_64.txz",
            "postgres-darwin-arm_64.txz",
            "postgres-windows-x86_64.txz",
            "postgres-linux-x86_64-alpine.txz");

    @Test
    void theBinariesForThisMachineAreOnTheClassPathOnce() throws IOException {
        String expected = resourceFor(System.getProperty("os.name"), System.getProperty("os.arch"));

        List<URL> found = Collections.list(zonkyClassLoader().getResources(expected));

        assertThat(found)
                .as("%s on the test class path (built with -Dpostgres.platform for another machine?)", expected)
                .hasSize(1);
    }

    @Test
    void noOtherPlatformsBinariesAreOnTheClassPath() {
        String own = resourceFor(System.getProperty("os.name"), System.getProperty("os.arch"));

        List<String> others = ALL_PLATFORMS.stream()
                .filter(name -> !name.equals(own))
                .filter(name -> zonkyClassLoader().getResource(name) != null)
                .toList();

        assertThat(others).as("binaries of other platforms, each tens of megabytes").isEmpty();
    }

    /** The os.name and os.arch the JDKs report on each platform the profiles cover, to what zonky looks for. */
    @ParameterizedTest
    @CsvSource({
            "Linux, amd64, postgres-linux-x86_64.txz",
            "Linux, x86_64, postgres-linux-x86_64.txz",
            "Linux, aarch64, postgres-linux-arm_64.txz",
            "Mac OS X, x86_64, postgres-darwin-x86_64.txz",
            "Mac OS X, amd64, postgres-darwin-x86_64.txz",
            "Mac OS X, aarch64, postgres-darwin-arm_64.txz"})
    void eachProfilesPlatformMapsToTheArchiveItsArtifactHolds(String osName, String osArch, String archive) {
        assertThat(resourceFor(osName, osArch)).isEqualTo(archive);
    }

    /**
     * EmbeddedPostgres' own mapping of os.name is private, so it is repeated here; the architecture goes through
     * zonky's ArchUtils as in DefaultPostgresBinaryResolver (amd64 and x86_64 both become x86_64, aarch64 arm_64).
     */
    private static String resourceFor(String osName, String osArch) {
        String system;
        if (osName.startsWith("Linux") || osName.startsWith("LINUX")) {
            system = "Linux";
        } else if (osName.startsWith("Mac OS X")) {
            system = "Darwin";
        } else if (osName.startsWith("Windows")) {
            system = "Windows";
        } else {
            return fail("zonky has no PostgreSQL binaries for " + osName);
        }
        return String.format("postgres-%s-%s.txz", system, ArchUtils.normalize(osArch)).toLowerCase(Locale.ROOT);
    }

    /** The resolver searches its own class loader, not the thread's. */
    private static ClassLoader zonkyClassLoader() {
        return DefaultPostgresBinaryResolver.class.getClassLoader();
    }
}
