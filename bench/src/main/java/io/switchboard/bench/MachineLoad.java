package io.switchboard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one-minute load average. On a shared two-core machine anything else running skews every
 * latency here, so the report says how busy the machine was.
 */
final class MachineLoad {

    private static final Path LOADAVG = Path.of("/proc/loadavg");

    private MachineLoad() {
    }

    static String now() {
        try {
            return Files.readString(LOADAVG).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }
}
