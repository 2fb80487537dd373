package io.switchboard.session.service;

import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.kit.problem.ProblemException;
import io.switchboard.kit.security.Caller;
import io.switchboard.session.model.Chat;
import io.switchboard.session.model.Project;
import io.switchboard.session.model.ProjectRole;
import io.switchboard.session.repository.ChatRepository;
import io.switchboard.session.repository.ProjectMemberRepository;
import io.switchboard.session.repository.ProjectRepository;

/**
 * Who may do what inside a tenant. A project or chat of a project the caller does not belong to answers 404, the
 * same as one that does not exist, so ids of other people's work reveal nothing; a member whose role does not
 * allow the change gets 403. Every lookup of a project or chat on a caller's behalf goes through here.
 */
@ApplicationScoped
public class ProjectAccess {

    private final ProjectRepository projects;
    private final ChatRepository chats;
    private final ProjectMemberRepository members;

    public ProjectAccess(ProjectRepository projects, ChatRepository chats, ProjectMemberRepository members) {
        this.projects = projects;
        this.chats = chats;
        this.members = members;
    }

    /** The caller's role in the project, or null when they are no member. */
    public Uni<ProjectRole> roleIn(Caller caller, UUID projectId) {
        return members.find(caller.tenantId(), projectId, caller.userId())
                .map(member -> member == null ? null : member.role);
    }

    public Uni<Project> projectToRead(Caller caller, UUID projectId) {
        return project(caller, projectId, null, false);
    }

    /** A project the caller may add chats to: an editor's or owner's. */
    public Uni<Project> projectToEdit(Caller caller, UUID projectId) {
        return project(caller, projectId, ProjectRole.EDITOR, false);
    }

    /**
     * A project the caller belongs to, locked until the transaction ends; {@code manage}: only for an owner. Its
     * membership changes one at a time: each takes the project's next lifecycle seq, and two owners demoting each
     * other at once must not leave it with none.
     */
    public Uni<Project> projectLocked(Caller caller, UUID projectId, boolean manage) {
        return project(caller, projectId, manage ? ProjectRole.OWNER : null, true);
    }

    public Uni<Chat> chatToRead(Caller caller, UUID chatId) {
        return chat(caller, chatId, id -> chats.findOwned(caller.tenantId(), id), null);
    }

    /** A chat the caller may change, locked until the transaction ends (see {@link ChatRepository#lockOwned}). */
    public Uni<Chat> chatToEdit(Caller caller, UUID chatId) {
        return chat(caller, chatId, id -> chats.lockOwned(caller.tenantId(), id), ProjectRole.EDITOR);
    }

    /** A chat the caller may read, locked until the transaction ends (see {@link ChatRepository#lockOwned}). */
    public Uni<Chat> chatToReadLocked(Caller caller, UUID chatId) {
        return chat(caller, chatId, id -> chats.lockOwned(caller.tenantId(), id), null);
    }

    private Uni<Project> project(Caller caller, UUID projectId, ProjectRole needed, boolean locked) {
        return (locked ? projects.lockOwned(caller.tenantId(), projectId)
                : projects.findOwned(caller.tenantId(), projectId))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Project", projectId))
                .call(project -> roleIn(caller, projectId)
                        .invoke(role -> check(role, needed, "Project", projectId)));
    }

    private Uni<Chat> chat(Caller caller, UUID chatId, Function<UUID, Uni<Chat>> lookup, ProjectRole needed) {
        return lookup.apply(chatId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Chat", chatId))
                .call(chat -> roleIn(caller, chat.projectId)
                        .invoke(role -> check(role, needed, "Chat", chatId)));
    }

    private static void check(ProjectRole role, ProjectRole needed, String what, UUID id) {
        if (role == null) {
            throw ProblemException.notFound(what, id);
        }
        if (needed != null && role.compareTo(needed) > 0) {
            throw ProblemException.forbidden("A project " + role.wireName() + " may not do this to " + what.toLowerCase()
                    + " " + id + "; it needs the role " + needed.wireName());
        }
    }
}
