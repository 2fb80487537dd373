package io.switchboard.workspace.config;

import java.nio.file.Path;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where project repositories live and how chat branches are named. */
@ConfigMapping(prefix = "switchboard.workspace")
public interface WorkspaceConfig {

    /**
     * Root of everything this service keeps on disk: one bare repository per project under
     * {@code projects/}, and later one working directory per chat next to them. Relative paths
     * are resolved against the working directory of the process.
     */
    @WithDefault(".switchboard/workspaces")
    Path dataDir();

    /** Branch a new project repository starts with, and that chat branches are cut from. */
    @WithDefault("main")
    String defaultBranch();

    /** Prefix of every chat branch: the branch of chat {@code C} is {@code <prefix>C}. */
    @WithDefault("switchboard/")
    String branchPrefix();

    /** Identity recorded on commits the service makes itself, such as a project's initial commit. */
    Committer committer();

    /** Re-publication of workspace events whose first publication was not acknowledged. */
    Outbox outbox();

    interface Committer {

        @WithDefault("Switchboard")
        String name();

        @WithDefault("switchboard@localhost")
        String email();
    }

    interface Outbox {

        /** How often unpublished events are looked for. */
        @WithDefault("10s")
        Duration relayInterval();

        /**
         * How old an unpublished event must be before the relay takes it over; younger ones are
         * still being published by the consumer that wrote them.
         */
        @WithDefault("30s")
        Duration relayAfter();
    }
}
