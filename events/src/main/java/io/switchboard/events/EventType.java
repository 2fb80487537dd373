package io.switchboard.events;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.switchboard.events.chat.CommandRejected;
import io.switchboard.events.chat.QueuedTurnEdited;
import io.switchboard.events.chat.TextDelta;
import io.switchboard.events.chat.ToolCallFailed;
import io.switchboard.events.chat.ToolCallResult;
import io.switchboard.events.chat.ToolCallStarted;
import io.switchboard.events.chat.TurnCancelled;
import io.switchboard.events.chat.TurnCompleted;
import io.switchboard.events.chat.TurnFailed;
import io.switchboard.events.chat.TurnQueued;
import io.switchboard.events.chat.TurnStarted;
import io.switchboard.events.command.CancelTurn;
import io.switchboard.events.command.EditQueuedTurn;
import io.switchboard.events.command.SendMessage;
import io.switchboard.events.command.StopTurn;
import io.switchboard.events.lifecycle.ChatActivityChanged;
import io.switchboard.events.lifecycle.ChatArchived;
import io.switchboard.events.lifecycle.ChatCreated;
import io.switchboard.events.lifecycle.ChatDeleted;
import io.switchboard.events.lifecycle.ChatForked;
import io.switchboard.events.lifecycle.ChatMarkedRead;
import io.switchboard.events.lifecycle.ChatRestored;
import io.switchboard.events.lifecycle.ChatUpdated;
import io.switchboard.events.lifecycle.ProjectMemberChanged;
import io.switchboard.events.workspace.Committed;
import io.switchboard.events.workspace.ConflictsChanged;
import io.switchboard.events.workspace.PullRequestOpened;
import io.switchboard.events.workspace.PullRequestUpdated;
import io.switchboard.events.workspace.RepositoryImport;
import io.switchboard.events.workspace.Reverted;
import io.switchboard.events.workspace.WorkspaceFailed;
import io.switchboard.events.workspace.WorkspaceReady;
import io.switchboard.events.workspace.WorkspaceRemoved;

/** Every event type of the contract: its wire name, payload record, topic and schema version. */
public enum EventType {

    SEND_MESSAGE(SendMessage.class, Topics.CHAT_COMMANDS),
    CANCEL_TURN(CancelTurn.class, Topics.CHAT_COMMANDS),
    EDIT_QUEUED_TURN(EditQueuedTurn.class, Topics.CHAT_COMMANDS),
    STOP_TURN(StopTurn.class, Topics.CHAT_COMMANDS),

    TURN_QUEUED(TurnQueued.class, Topics.CHAT_EVENTS),
    TURN_STARTED(TurnStarted.class, Topics.CHAT_EVENTS),
    TEXT_DELTA(TextDelta.class, Topics.CHAT_EVENTS),
    TOOL_CALL_STARTED(ToolCallStarted.class, Topics.CHAT_EVENTS),
    TOOL_CALL_RESULT(ToolCallResult.class, Topics.CHAT_EVENTS),
    TOOL_CALL_FAILED(ToolCallFailed.class, Topics.CHAT_EVENTS),
    TURN_COMPLETED(TurnCompleted.class, Topics.CHAT_EVENTS),
    TURN_FAILED(TurnFailed.class, Topics.CHAT_EVENTS),
    TURN_CANCELLED(TurnCancelled.class, Topics.CHAT_EVENTS),
    QUEUED_TURN_EDITED(QueuedTurnEdited.class, Topics.CHAT_EVENTS),
    COMMAND_REJECTED(CommandRejected.class, Topics.CHAT_EVENTS),

    CHAT_CREATED(ChatCreated.class, Topics.SESSION_LIFECYCLE),
    CHAT_UPDATED(ChatUpdated.class, Topics.SESSION_LIFECYCLE),
    CHAT_ARCHIVED(ChatArchived.class, Topics.SESSION_LIFECYCLE),
    CHAT_RESTORED(ChatRestored.class, Topics.SESSION_LIFECYCLE),
    CHAT_DELETED(ChatDeleted.class, Topics.SESSION_LIFECYCLE),
    CHAT_FORKED(ChatForked.class, Topics.SESSION_LIFECYCLE),
    CHAT_ACTIVITY_CHANGED(ChatActivityChanged.class, Topics.SESSION_LIFECYCLE),
    CHAT_MARKED_READ(ChatMarkedRead.class, Topics.SESSION_LIFECYCLE),
    PROJECT_MEMBER_CHANGED(ProjectMemberChanged.class, Topics.SESSION_LIFECYCLE),

    WORKSPACE_READY(WorkspaceReady.class, Topics.WORKSPACE_EVENTS),
    WORKSPACE_FAILED(WorkspaceFailed.class, Topics.WORKSPACE_EVENTS),
    COMMITTED(Committed.class, Topics.WORKSPACE_EVENTS),
    REVERTED(Reverted.class, Topics.WORKSPACE_EVENTS),
    REPOSITORY_IMPORT(RepositoryImport.class, Topics.WORKSPACE_EVENTS),
    CONFLICTS_CHANGED(ConflictsChanged.class, Topics.WORKSPACE_EVENTS),
    PULL_REQUEST_OPENED(PullRequestOpened.class, Topics.WORKSPACE_EVENTS),
    PULL_REQUEST_UPDATED(PullRequestUpdated.class, Topics.WORKSPACE_EVENTS),
    WORKSPACE_REMOVED(WorkspaceRemoved.class, Topics.WORKSPACE_EVENTS);

    private static final Map<String, EventType> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::wireName, Function.identity()));
    private static final Map<Class<?>, EventType> BY_CLASS = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::payloadClass, Function.identity()));

    private final Class<? extends EventPayload> payloadClass;
    private final String topic;

    EventType(Class<? extends EventPayload> payloadClass, String topic) {
        this.payloadClass = payloadClass;
        this.topic = topic;
    }

    /** The name in the envelope's {@code type} field: the record's simple name. */
    public String wireName() {
        return payloadClass.getSimpleName();
    }

    public Class<? extends EventPayload> payloadClass() {
        return payloadClass;
    }

    public String topic() {
        return topic;
    }

    /** Schema version; bump it together with the checked-in schema when the payload changes shape. */
    public int version() {
        return 1;
    }

    /** Path of the checked-in JSON Schema on the classpath. */
    public String schemaResource() {
        return "schemas/" + wireName() + ".schema.json";
    }

    public static Optional<EventType> byWireName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static EventType of(EventPayload payload) {
        EventType type = BY_CLASS.get(payload.getClass());
        if (type == null) {
            throw new IllegalArgumentException("Not an event type of the contract: " + payload.getClass().getName());
        }
        return type;
    }
}
