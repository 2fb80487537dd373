package io.switchboard.session.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of the split-pane views, tabs and client state a user keeps in session-service. */
@ConfigMapping(prefix = "switchboard.session.views")
public interface ViewsConfig {

    /** The most panes any view may have; a view's own {@code maxPanes} is at most this. */
    int PANES_LIMIT = 9;

    /** The {@code maxPanes} a new view gets when the request names none (1 to {@value #PANES_LIMIT}). */
    @WithDefault("4")
    @Min(1)
    @Max(PANES_LIMIT)
    int defaultMaxPanes();

    /** Views one user may have; one more is refused with a 409 problem. */
    @WithDefault("100")
    @Min(1)
    int maxPerUser();

    /** Tabs one user may have open at once; one more is refused with a 409 problem. */
    @WithDefault("100")
    @Min(1)
    int maxOpenTabs();

    /** Recently closed tabs kept for restoring, newest first; older ones are forgotten. */
    @WithDefault("20")
    @Min(0)
    int closedTabsKept();

    /** Largest client-state document per chat, in bytes of its compact UTF-8 JSON. */
    @WithDefault("16384")
    @Min(2)
    int clientStateMaxBytes();
}
