package io.switchboard.workspace.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.switchboard.workspace.git.RepositoryLayout;

/** Without a writable data directory no chat can get a branch, so the service is not ready. */
@Readiness
@ApplicationScoped
public class DataDirectoryHealthCheck implements HealthCheck {

    private final RepositoryLayout layout;

    public DataDirectoryHealthCheck(RepositoryLayout layout) {
        this.layout = layout;
    }

    @Override
    public HealthCheckResponse call() {
        Path root = layout.root();
        boolean writable;
        try {
            Files.createDirectories(root);
            writable = Files.isWritable(root);
        } catch (IOException e) {
            writable = false;
        }
        return HealthCheckResponse.named("Workspace data directory")
                .status(writable)
                .build();
    }
}
