package io.switchboard.workspace.config;

import java.nio.file.Path;
import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;
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

    /**
     * Role of a verified token that may act for the tenant named in the {@code X-Switchboard-Tenant}
     * header: chat-service runs agent tools from Kafka, without a user's token.
     */
    @WithDefault("switchboard-service")
    String serviceRole();

    /**
     * Audience ({@code aud}) of the service tokens made for this service: only they may act for another tenant,
     * and only they are refused where a user's token is needed.
     */
    @WithDefault("git-workspace-service")
    String serviceAudience();

    /** Limits of the file endpoints the agent tools use. */
    Files files();

    interface Committer {

        @WithDefault("Switchboard")
        String name();

        @WithDefault("switchboard@localhost")
        String email();
    }

    interface Files {

        /** Largest file the read endpoint returns; bigger files are refused with 422. */
        @WithDefault("1M")
        MemorySize maxReadSize();

        /** Largest content the write endpoint accepts, in UTF-8 bytes; more is refused with 413. */
        @WithDefault("1M")
        MemorySize maxWriteSize();

        /** Entries a listing returns when the caller names no limit. */
        @WithDefault("200")
        int defaultListLimit();

        /** Upper bound of a listing's limit. */
        @WithDefault("2000")
        int maxListLimit();

        /** Matches a search returns when the caller names no maximum. */
        @WithDefault("50")
        int defaultSearchResults();

        /** Upper bound of a search's maximum. */
        @WithDefault("500")
        int maxSearchResults();

        /** Files larger than this are skipped by search: they are generated or data, rarely code. */
        @WithDefault("1M")
        MemorySize maxSearchFileSize();

        /** A search stops after this long and returns what it found, marked truncated. */
        @WithDefault("10s")
        Duration searchTimeout();

        /** Patch text a diff returns per part; the rest is cut and the part marked truncated. */
        @WithDefault("256K")
        MemorySize maxDiffSize();

        /** Longest commit message accepted. */
        @WithDefault("10000")
        int maxCommitMessageLength();
    }
}
