package io.switchboard.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.switchboard.events.chat.ChatEvent;
import io.switchboard.events.command.ChatCommand;
import io.switchboard.events.lifecycle.LifecycleEvent;
import io.switchboard.events.workspace.WorkspaceEvent;

/** Each topic's payloads form one sealed family, and the contract lists exactly the family's members. */
class EventFamiliesTest {

    private static final Map<Class<?>, String> FAMILY_TOPICS = Map.of(
            ChatCommand.class, Topics.CHAT_COMMANDS,
            ChatEvent.class, Topics.CHAT_EVENTS,
            LifecycleEvent.class, Topics.SESSION_LIFECYCLE,
            WorkspaceEvent.class, Topics.WORKSPACE_EVENTS);

    @Test
    void everyFamilyIsSealedAndItsMembersAreExactlyTheContractsTypesOfItsTopic() {
        FAMILY_TOPICS.forEach((family, topic) -> {
            assertThat(family.isSealed()).as("%s is sealed", family.getSimpleName()).isTrue();
            Set<Class<?>> members = Set.of(family.getPermittedSubclasses());
            Set<Class<?>> ofTopic = Arrays.stream(EventType.values()).filter(type -> type.topic().equals(topic))
                    .map(EventType::payloadClass).collect(Collectors.toSet());
            assertThat(members).as("members of %s", family.getSimpleName()).isEqualTo(ofTopic);
        });
    }

    @Test
    void everyEventTypeBelongsToExactlyOneFamily() {
        for (EventType type : EventType.values()) {
            List<Class<?>> families = FAMILY_TOPICS.keySet().stream()
                    .filter(family -> family.isAssignableFrom(type.payloadClass())).toList();
            assertThat(families).as("families of %s", type.wireName()).hasSize(1);
        }
    }
}
