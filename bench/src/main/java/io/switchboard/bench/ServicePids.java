package io.switchboard.bench;

import java.nio.file.Path;
import java.util.OptionalLong;

import io.switchboard.launcher.ServiceName;

/** The process ids of the stack's services, found among this JVM's children by the application they run. */
final class ServicePids {

    private ServicePids() {
    }

    static OptionalLong of(Path projectRoot, ServiceName name) {
        String app = projectRoot.resolve(name.module()).resolve("target/quarkus-app/quarkus-run.jar").toString();
        return ProcessHandle.current().descendants()
                .filter(process -> process.info().commandLine().orElse("").contains(app))
                .mapToLong(ProcessHandle::pid).findFirst();
    }
}
