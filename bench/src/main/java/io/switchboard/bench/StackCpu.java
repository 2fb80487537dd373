package io.switchboard.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

import io.switchboard.launcher.ServiceName;
import io.switchboard.launcher.Stack;

/** The CPU sources of a whole stack run: each service, the broker, PostgreSQL and the benchmark JVM itself. */
final class StackCpu {

    private StackCpu() {
    }

    /** A process that cannot be found is reported in {@code failures}: its figure would otherwise be missing. */
    static ProcessCpu of(Stack stack, Path projectRoot, List<String> failures) {
        ProcessCpu cpu = new ProcessCpu();
        for (ServiceName name : ServiceName.values()) {
            OptionalLong pid = ServicePids.of(projectRoot, name);
            if (pid.isPresent()) {
                cpu.process(name.module(), pid.getAsLong());
            } else {
                failures.add("the " + name.module() + " process was not found, so its CPU time is missing");
            }
        }
        cpu.process("Kafka broker", stack.infra().kafka().pid());
        OptionalLong postgres = postmaster(stack.infra().settings().dataDir());
        if (postgres.isPresent()) {
            cpu.tree("PostgreSQL (postmaster + backends)", postgres.getAsLong());
        } else {
            failures.add("PostgreSQL's postmaster.pid was not found, so its CPU time is missing");
        }
        cpu.process("benchmark JVM (clients)", ProcessHandle.current().pid());
        return cpu;
    }

    /** The postmaster's pid, the first line of postmaster.pid in the data directory the stack gave it. */
    private static OptionalLong postmaster(Path dataDir) {
        try {
            String first = Files.readAllLines(dataDir.resolve("postgres/data/postmaster.pid"),
                    StandardCharsets.US_ASCII).get(0).strip();
            return OptionalLong.of(Long.parseLong(first));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }
}
