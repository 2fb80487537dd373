package io.switchboard.events.lifecycle;

import java.util.UUID;

import io.switchboard.events.EventPayload;

/**
 * An event on session.lifecycle: a chat created, changed or removed by session-service, its message count
 * and read positions moving, or a change of who belongs to a project.
 * Sealed: a switch over the family is checked for completeness by the compiler, and a new event type
 * cannot be added without its consumers seeing it.
 */
public sealed interface LifecycleEvent extends EventPayload
        permits ChatActivityChanged, ChatArchived, ChatCreated, ChatDeleted, ChatForked,
        ChatMarkedRead, ChatRestored, ChatUpdated, ProjectMemberChanged {

    /** The project the event is about: the chat's, or the project itself for a membership change. */
    UUID projectId();
}
