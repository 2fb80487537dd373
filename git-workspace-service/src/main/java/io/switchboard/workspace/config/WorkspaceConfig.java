package io.switchboard.workspace.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    /**
     * Prefix of every chat branch: a chat titled "Fix login" with id {@code 3f2a9c01-7b4e-...} gets
     * {@code <prefix>fix-login-3f2a9c017b4e}. The name is fixed when the branch is cut.
     */
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

    /** Scheduled garbage collection of the project repositories. */
    Gc gc();

    /** Importing existing repositories into projects. */
    Imports imports();

    /** How much disk each tenant's repositories and working directories may take. */
    Quota quota();

    /** Pull requests on GitHub. */
    GitHub github();

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

    interface Gc {

        /** False turns scheduled collection off . */
        @WithDefault("true")
        boolean enabled();

        /** How often every project repository is collected; a repository collected since is skipped. */
        @WithDefault("6h")
        Duration interval();

        /**
         * Unreachable objects younger than this are kept: a commit being written holds objects no ref reaches
         * yet. A deleted chat's commits are pruned at the first collection after this long.
         */
        @WithDefault("1h")
        Duration pruneAfter();
    }

    interface Imports {

        /**
         * Directories whose repositories a project may be imported from by local path, on the service's own disk.
         * None by default: importing from a local path is then refused.
         */
        Optional<List<Path>> allowedPaths();

        /**
         * Hosts exempt from the rules for remote URLs (https only, never a loopback, private, link-local or
         * otherwise internal address): a git server of your own network. None by default.
         */
        Optional<List<String>> trustedHosts();

        /** Imports that fetch at once; more wait their turn, shown as cloning. */
        @WithDefault("2")
        int maxConcurrent();

        /** A fetch that has received nothing for this long fails. */
        @WithDefault("2m")
        Duration networkTimeout();

        /** An import whose progress has not moved for this long is taken as interrupted and may start again. */
        @WithDefault("5m")
        Duration staleAfter();
    }

    interface GitHub {

        /** Base URL of GitHub's REST API (GitHub Enterprise: {@code https://<host>/api/v3}). */
        @WithDefault("https://api.github.com")
        String apiUrl();

        /** Base URL chat branches are pushed to, as {@code <git-url>/<owner>/<name>.git}. */
        @WithDefault("https://github.com")
        String gitUrl();

        /** How often the state of every open pull request is read from GitHub again. */
        @WithDefault("5m")
        Duration refreshInterval();

        /** How long a push may go without progress before it fails. */
        @WithDefault("2m")
        Duration pushTimeout();

        /**
         * The AES-256 key, in base64, that seals projects' GitHub tokens in the database. Absent: a key file is
         * created in the data directory on first use, so the database alone never reveals a token.
         */
        Optional<String> tokenKey();
    }

    interface Quota {

        /** Bytes a tenant's project repositories and chat working directories may take; absent: no limit. */
        Optional<MemorySize> perTenant();

        /** Quotas of particular tenants, by tenant id, instead of {@link #perTenant()}. */
        Map<String, MemorySize> tenants();

        /** A tenant's usage is measured on disk again after this long; writes in between are added to it. */
        @WithDefault("1m")
        Duration remeasureAfter();
    }
}
