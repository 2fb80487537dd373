package io.switchboard.session.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A split-pane view as the API returns it; {@code version} is what the next change sends as If-Match. */
public record SplitViewBody(UUID id, String name, String layout, String syncMode, int maxPanes, long version,
        List<PaneBody> panes, Instant createdAt, Instant updatedAt) {
}
