package io.switchboard.gateway.sidebar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.switchboard.events.Envelope;
import io.switchboard.events.EventPayload;
import io.switchboard.events.json.EventJson;
import io.switchboard.events.lifecycle.ChatActivityChanged;
import io.switchboard.events.lifecycle.ChatCreated;
import io.switchboard.events.lifecycle.ChatDeleted;
import io.switchboard.events.lifecycle.ChatMarkedRead;
import io.switchboard.events.lifecycle.ChatUpdated;
import io.switchboard.gateway.fanout.FrameSink;
import io.switchboard.kit.security.Caller;

/**
 * The order problems of one sidebar: events that overtake the snapshot or a lookup, old events after new state,
 * another user's read position, and a deletion that a late answer must not undo. The lookups are answered by the
 * test when it chooses, as session-service would answer them later.
 */
class ProjectSidebarTest {

    private static final Caller ALICE = new Caller("tenant-a", "alice");
    private static final UUID PROJECT = UUID.randomUUID();
    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

    private final List<JsonNode> frames = new ArrayList<>();
    private final Map<UUID, UniEmitter<? super SidebarChat>> lookups = new HashMap<>();
    private final FrameSink sink = frame -> frames.add(parse(frame));
    private final ProjectSidebar sidebar = new ProjectSidebar(ALICE, PROJECT, sink,
            chatId -> Uni.createFrom().emitter(emitter -> lookups.put(chatId, emitter)));

    @Test
    void eventsBeforeTheSnapshotApplyAfterItOnlyWhenNewer() {
        UUID chat = UUID.randomUUID();
        sidebar.apply(event(chat, 3, new ChatActivityChanged(PROJECT, 1, true, T0)));
        sidebar.apply(event(chat, 5, new ChatActivityChanged(PROJECT, 2, false, T0.plusSeconds(1))));
        assertThat(frames).isEmpty();

        sidebar.loaded(List.of(chat(chat, "first", 2, 0, 4)), false, false);

        assertThat(frames).hasSize(2);
        assertThat(frames.get(0).path("type").asText()).isEqualTo("project_snapshot");
        assertThat(frames.get(0).path("chats").get(0).path("messageCount").asLong()).isEqualTo(2);
        JsonNode summary = frames.get(1).path("chat");
        assertThat(frames.get(1).path("type").asText()).isEqualTo("chat_summary");
        assertThat(summary.path("busy").asBoolean()).isFalse();
        assertThat(summary.path("messageCount").asLong()).isEqualTo(2);
        assertThat(summary.path("unread").asLong()).isEqualTo(2);
        assertThat(summary.path("lifecycleSeq").asLong()).isEqualTo(5);
    }

    @Test
    void onlyTheUsersOwnReadPositionChangesTheirUnreadCount() {
        UUID chat = UUID.randomUUID();
        sidebar.loaded(List.of(chat(chat, "first", 4, 1, 7)), false, false);

        sidebar.apply(event(chat, 8, new ChatMarkedRead(PROJECT, "bob", 4, 9)));
        assertThat(frames).hasSize(1);
        sidebar.apply(event(chat, 9, new ChatMarkedRead(PROJECT, "alice", 4, 9)));
        assertThat(frames).hasSize(2);
        assertThat(frames.get(1).path("chat").path("unread").asLong()).isZero();
        // Redelivered: nothing new.
        sidebar.apply(event(chat, 9, new ChatMarkedRead(PROJECT, "alice", 4, 9)));
        sidebar.apply(event(chat, 6, new ChatUpdated(PROJECT, "old title", "offline")));
        assertThat(frames).hasSize(2);
    }

    @Test
    void aChatTheSidebarDoesNotHoldIsLookedUpOnceWithItsEventsHeldMeanwhile() {
        sidebar.loaded(List.of(), false, false);
        UUID chat = UUID.randomUUID();
        sidebar.apply(event(chat, 1, new ChatCreated(PROJECT, "alice", "new", "offline")));
        sidebar.apply(event(chat, 2, new ChatUpdated(PROJECT, "renamed", "offline")));
        sidebar.apply(event(chat, 3, new ChatActivityChanged(PROJECT, 1, true, T0)));
        assertThat(lookups).containsOnlyKeys(chat);
        assertThat(frames).hasSize(1);

        // The lookup read the chat after its rename, before its first message.
        lookups.get(chat).complete(chat(chat, "renamed", 0, 0, 2));

        assertThat(frames).hasSize(3);
        assertThat(frames.get(1).path("chat").path("title").asText()).isEqualTo("renamed");
        assertThat(frames.get(2).path("chat").path("busy").asBoolean()).isTrue();
        assertThat(frames.get(2).path("chat").path("lifecycleSeq").asLong()).isEqualTo(3);
    }

    @Test
    void aDeletedChatStaysDeletedWhateverALateAnswerSays() {
        sidebar.loaded(List.of(), false, false);
        UUID chat = UUID.randomUUID();
        sidebar.apply(event(chat, 1, new ChatCreated(PROJECT, "alice", "short-lived", "offline")));
        sidebar.apply(event(chat, 2, new ChatDeleted(PROJECT)));
        lookups.get(chat).complete(chat(chat, "short-lived", 0, 0, 1));
        assertThat(frames).hasSize(1);

        UUID shown = UUID.randomUUID();
        ProjectSidebar other = new ProjectSidebar(ALICE, PROJECT, sink, id -> Uni.createFrom().nothing());
        other.loaded(List.of(chat(shown, "shown", 0, 0, 1)), false, false);
        other.apply(event(shown, 2, new ChatDeleted(PROJECT)));
        other.apply(event(shown, 3, new ChatUpdated(PROJECT, "ghost", "offline")));
        assertThat(frames).extracting(frame -> frame.path("type").asText())
                .containsExactly("project_snapshot", "project_snapshot", "chat_removed");
        assertThat(frames.get(2).path("chatId").asText()).isEqualTo(shown.toString());
    }

    @Test
    void aLargeProjectsOlderChatsFollowItsRecentOnesAndAddOnlyWhatTheSidebarDoesNotHold() {
        UUID recent = UUID.randomUUID();
        UUID renamedMeanwhile = UUID.randomUUID();
        UUID deletedMeanwhile = UUID.randomUUID();
        UUID older = UUID.randomUUID();
        sidebar.loaded(List.of(chat(recent, "recent", 1, 1, 2)), false, true);
        sidebar.apply(event(deletedMeanwhile, 9, new ChatDeleted(PROJECT)));
        sidebar.apply(event(renamedMeanwhile, 8, new ChatActivityChanged(PROJECT, 5, true, T0.plusSeconds(5))));
        lookups.get(renamedMeanwhile).complete(chat(renamedMeanwhile, "fresh", 5, 0, 8));

        sidebar.loaded(List.of(chat(recent, "recent", 1, 1, 2), chat(renamedMeanwhile, "stale", 1, 0, 3),
                chat(deletedMeanwhile, "deleted", 1, 0, 3), chat(older, "older", 1, 1, 1)), false, false);

        assertThat(frames).extracting(frame -> frame.path("type").asText())
                .containsExactly("project_snapshot", "chat_summary", "project_snapshot");
        assertThat(frames.get(0).path("partial").asBoolean()).isTrue();
        JsonNode whole = frames.get(2);
        assertThat(whole.path("partial").asBoolean()).isFalse();
        assertThat(whole.path("chats").findValuesAsText("title")).containsExactlyInAnyOrder("recent", "fresh",
                "older");
    }

    @Test
    void aDetachedSidebarFollowsItsProjectSilentlyAndAnswersTheNextConnectionAtOnce() {
        UUID kept = UUID.randomUUID();
        UUID renamed = UUID.randomUUID();
        sidebar.loaded(List.of(chat(kept, "kept", 1, 1, 2), chat(renamed, "before", 1, 1, 3)), false, false);
        frames.clear();

        assertThat(sidebar.detach()).isTrue();
        sidebar.apply(event(renamed, 4, new ChatActivityChanged(PROJECT, 3, false, T0.plusSeconds(9))));
        sidebar.apply(event(kept, 5, new ChatDeleted(PROJECT)));
        assertThat(frames).as("nothing is sent while no connection holds the sidebar").isEmpty();

        List<JsonNode> next = new ArrayList<>();
        assertThat(sidebar.reattach(frame -> next.add(parse(frame)), chatId -> Uni.createFrom().nullItem()))
                .isTrue();

        assertThat(frames).isEmpty();
        assertThat(next).hasSize(1);
        JsonNode snapshot = next.get(0);
        assertThat(snapshot.path("type").asText()).isEqualTo("project_snapshot");
        assertThat(snapshot.path("partial").asBoolean()).as("the project is read again behind it").isTrue();
        assertThat(snapshot.path("chats")).hasSize(1);
        assertThat(snapshot.path("chats").get(0).path("chatId").asText()).isEqualTo(renamed.toString());
        assertThat(snapshot.path("chats").get(0).path("messageCount").asLong()).isEqualTo(3);

        // The read behind it adds what the sidebar lacks and cannot bring back what was deleted meanwhile.
        UUID missed = UUID.randomUUID();
        sidebar.loaded(List.of(chat(kept, "kept", 1, 1, 2), chat(renamed, "before", 1, 1, 3),
                chat(missed, "missed", 1, 0, 1)), false, false);
        JsonNode whole = next.get(1);
        assertThat(whole.path("partial").asBoolean()).isFalse();
        assertThat(whole.path("chats").findValuesAsText("chatId")).containsExactlyInAnyOrder(renamed.toString(),
                missed.toString());
    }

    @Test
    void onlyASidebarWithItsFirstSnapshotCanBeDetachedAndAnEndedOneCannotComeBack() {
        assertThat(sidebar.detach()).as("no snapshot yet").isFalse();
        UUID recent = UUID.randomUUID();
        UUID older = UUID.randomUUID();
        sidebar.loaded(List.of(chat(recent, "recent", 1, 1, 2)), false, true);
        assertThat(sidebar.detach()).as("the most recent chats so far").isTrue();

        // The older chats, read after the connection let the sidebar go, join it all the same.
        sidebar.loaded(List.of(chat(recent, "recent", 1, 1, 2), chat(older, "older", 1, 1, 1)), false, false);
        List<JsonNode> reattached = new ArrayList<>();
        assertThat(sidebar.reattach(frame -> reattached.add(parse(frame)), chatId -> Uni.createFrom().nullItem()))
                .isTrue();
        assertThat(reattached.get(0).path("chats").findValuesAsText("title"))
                .containsExactlyInAnyOrder("recent", "older");

        sidebar.end();
        List<JsonNode> next = new ArrayList<>();
        assertThat(sidebar.reattach(frame -> next.add(parse(frame)), chatId -> Uni.createFrom().nullItem()))
                .isFalse();
        assertThat(next).isEmpty();
    }

    @Test
    void anEndedSidebarSendsNothingMore() {
        UUID chat = UUID.randomUUID();
        assertThat(sidebar.end()).isTrue();
        assertThat(sidebar.end()).isFalse();
        sidebar.apply(event(chat, 1, new ChatActivityChanged(PROJECT, 1, true, T0)));
        sidebar.loaded(List.of(chat(chat, "late", 1, 0, 1)), false, false);
        assertThat(frames).isEmpty();
    }

    private static SidebarChat chat(UUID chatId, String title, long messages, long read, long seq) {
        return new SidebarChat(chatId, PROJECT, title, "offline", "active", false, false, false, messages, read, T0,
                seq);
    }

    private static Envelope event(UUID chatId, long seq, EventPayload payload) {
        return Envelope.of(chatId.toString(), ALICE.tenantId(), seq, null, payload);
    }

    private static JsonNode parse(String frame) {
        try {
            return EventJson.mapper().readTree(frame);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
