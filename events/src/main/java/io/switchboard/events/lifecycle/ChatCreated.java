package io.switchboard.events.lifecycle;

import java.util.UUID;

import io.switchboard.events.Nullable;

/**
 * A chat was created in a project. A duplicate names the chat it copies and that chat's last turn it holds
 * ({@code sourceChatId}, {@code sourceTurnId}), so that its model sees the copied conversation; a new or imported
 * chat names none. The two fields were added later: a record written before them has neither. {@code fromBranch}
 * (added later still) names the branch of the project the chat's own branch starts from, and
 * {@code fromPullRequest} (added last) the number of an open pull request on the project's GitHub repository whose
 * head it starts from instead; neither: the project's default branch.
 */
public record ChatCreated(UUID projectId, String userId, String title, String model, @Nullable String sourceChatId,
        @Nullable UUID sourceTurnId, @Nullable String fromBranch, @Nullable Integer fromPullRequest)
        implements LifecycleEvent {

    public ChatCreated(UUID projectId, String userId, String title, String model) {
        this(projectId, userId, title, model, null, null, null, null);
    }

    public ChatCreated(UUID projectId, String userId, String title, String model, String sourceChatId,
            UUID sourceTurnId) {
        this(projectId, userId, title, model, sourceChatId, sourceTurnId, null, null);
    }
}
