package io.switchboard.gateway.sidebar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.json.EventJson;
import io.switchboard.gateway.fanout.FrameSink;
import io.switchboard.kit.security.Caller;
import io.switchboard.testing.SwitchboardInfrastructureResource;

/**
 * Which sidebars are kept after their connection let them go, and who may take one over: the same user, for the
 * same project, before it expires, and not once the user has left the project.
 */
@QuarkusTest
@WithTestResource(SwitchboardInfrastructureResource.class)
class ProjectSidebarsTest {

    private static final Caller ALICE = new Caller("tenant-keep", "alice");
    private static final Caller BOB = new Caller("tenant-keep", "bob");
    private static final Caller OTHER_TENANTS_ALICE = new Caller("tenant-other", "alice");

    @Inject
    ProjectSidebars sidebars;

    private final UUID project = UUID.randomUUID();
    private final List<ProjectSidebar> opened = new ArrayList<>();

    @AfterEach
    void endAll() {
        opened.forEach(sidebars::close);
        sidebars.endExpired(System.nanoTime() + Duration.ofHours(1).toNanos());
    }

    @Test
    void aLoadedSidebarIsKeptForItsUsersNextConnectionWhichGetsItAtOnce() {
        ProjectSidebar first = openLoaded(ALICE, "kept chat");
        int kept = sidebars.keptCount();

        assertThat(sidebars.close(first)).isTrue();
        assertThat(sidebars.keptCount()).isEqualTo(kept + 1);

        List<JsonNode> frames = new ArrayList<>();
        ProjectSidebar next = open(ALICE, sink(frames));
        assertThat(next).isSameAs(first);
        assertThat(sidebars.keptCount()).isEqualTo(kept);
        assertThat(frames).hasSize(1);
        assertThat(frames.get(0).path("partial").asBoolean()).isTrue();
        assertThat(frames.get(0).path("chats").findValuesAsText("title")).containsExactly("kept chat");
    }

    @Test
    void anotherUserOrTenantNeverGetsTheKeptSidebar() {
        ProjectSidebar alices = openLoaded(ALICE, "alice's");
        sidebars.close(alices);

        List<JsonNode> bobsFrames = new ArrayList<>();
        assertThat(open(BOB, sink(bobsFrames))).isNotSameAs(alices);
        List<JsonNode> otherFrames = new ArrayList<>();
        assertThat(open(OTHER_TENANTS_ALICE, sink(otherFrames))).isNotSameAs(alices);
        assertThat(bobsFrames).as("a new sidebar waits for its own snapshot").isEmpty();
        assertThat(otherFrames).isEmpty();

        assertThat(open(ALICE, sink(new ArrayList<>()))).isSameAs(alices);
    }

    @Test
    void aSidebarStillWaitingForItsFirstSnapshotIsNotKept() {
        ProjectSidebar loading = open(ALICE, sink(new ArrayList<>()));
        int kept = sidebars.keptCount();

        assertThat(sidebars.close(loading)).isTrue();

        assertThat(sidebars.keptCount()).isEqualTo(kept);
        assertThat(open(ALICE, sink(new ArrayList<>()))).isNotSameAs(loading);
    }

    @Test
    void aUserWhoLeftTheProjectDoesNotGetTheirKeptSidebarBack() {
        ProjectSidebar alices = openLoaded(ALICE, "secret");
        sidebars.close(alices);

        sidebars.revoked(ALICE.tenantId(), ALICE.userId(), project);

        List<JsonNode> frames = new ArrayList<>();
        assertThat(open(ALICE, sink(frames))).isNotSameAs(alices);
        assertThat(frames).isEmpty();
    }

    @Test
    void aKeptSidebarNobodyTookOverEndsWhenItsTimeIsUp() {
        ProjectSidebar alices = openLoaded(ALICE, "expiring");
        sidebars.close(alices);

        sidebars.endExpired(System.nanoTime());
        assertThat(open(ALICE, sink(new ArrayList<>()))).as("still within its time").isSameAs(alices);
        sidebars.close(alices);

        sidebars.endExpired(System.nanoTime() + Duration.ofSeconds(31).toNanos());
        assertThat(open(ALICE, sink(new ArrayList<>()))).isNotSameAs(alices);
    }

    private ProjectSidebar openLoaded(Caller caller, String title) {
        ProjectSidebar sidebar = open(caller, sink(new ArrayList<>()));
        sidebar.loaded(List.of(new SidebarChat(UUID.randomUUID(), project, title, "offline", "active", false, false,
                false, 1, 0, Instant.now(), 1)), false, false);
        return sidebar;
    }

    private ProjectSidebar open(Caller caller, FrameSink sink) {
        ProjectSidebar sidebar = sidebars.open(caller, "unused-bearer", project, sink);
        opened.add(sidebar);
        return sidebar;
    }

    private static FrameSink sink(List<JsonNode> frames) {
        return frame -> {
            try {
                frames.add(EventJson.mapper().readTree(frame));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }
}
