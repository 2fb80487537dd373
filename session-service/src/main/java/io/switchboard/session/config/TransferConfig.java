package io.switchboard.session.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Bounds of a chat file (export and import). One bound for both ways, so every file an export produces can be
 * imported again. The gateway's {@code quarkus.http.limits.max-body-size} must be at least {@link #maxBytes()},
 * or imports through it are refused before they get here.
 */
@ConfigMapping(prefix = "switchboard.session.transfer")
public interface TransferConfig {

    /** Largest chat file, as JSON bytes: a larger import is a 413 problem, a larger export a 409. */
    @WithDefault("4M")
    MemorySize maxBytes();

    /** Most messages in one chat file: more in an import is a 413 problem, in an export a 409. */
    @WithDefault("10000")
    int maxMessages();

    /** How many messages an export reads from the database at a time. */
    @WithDefault("1000")
    int exportPageSize();
}
