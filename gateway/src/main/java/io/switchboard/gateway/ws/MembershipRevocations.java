package io.switchboard.gateway.ws;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.switchboard.gateway.fanout.Frames;
import io.switchboard.gateway.service.ChatDirectory;
import io.switchboard.gateway.sidebar.ProjectSidebars;

/**
 * Ends the subscriptions a user holds on this instance to the chats of a project they were just removed from:
 * the subscribe was allowed, what the chat says from now on is not. Each ended subscription is told with an
 * {@code unsubscribed} frame whose reason is {@code access_revoked}, and the project's sidebar with a
 * {@code project_unsubscribed} frame with that reason.
 */
@ApplicationScoped
public class MembershipRevocations {

    static final String ACCESS_REVOKED = "access_revoked";

    private final SocketRegistry registry;
    private final ChatDirectory directory;
    private final ChatSubscriptions subscriptions;
    private final ProjectSubscriptions projects;
    private final ProjectSidebars sidebars;

    public MembershipRevocations(SocketRegistry registry, ChatDirectory directory, ChatSubscriptions subscriptions,
            ProjectSubscriptions projects, ProjectSidebars sidebars) {
        this.registry = registry;
        this.sidebars = sidebars;
        this.projects = projects;
        this.directory = directory;
        this.subscriptions = subscriptions;
    }

    public void revoked(String tenantId, String userId, UUID projectId) {
        for (SocketSession session : registry.all()) {
            if (!session.caller().tenantId().equals(tenantId) || !session.caller().userId().equals(userId)) {
                continue;
            }
            if (projects.end(session, projectId)) {
                session.send(ProjectSubscriptions.unsubscribed(projectId, ACCESS_REVOKED));
                Log.infof("project %s sidebar ended on connection %s: %s left it", projectId, session.id(), userId);
            }
            for (String chatId : session.followedChats()) {
                boolean inProject = directory.known(chatId).filter(chat -> projectId.equals(chat.projectId()))
                        .isPresent();
                if (inProject && subscriptions.end(session, chatId)) {
                    session.send(Frames.unsubscribed(chatId, ACCESS_REVOKED));
                    Log.infof("chatId=%s unsubscribed from connection %s: %s left project %s", chatId,
                            session.id(), userId, projectId);
                }
            }
        }
        // After the loop: ending a connection's sidebar above may have kept it for a reload.
        sidebars.revoked(tenantId, userId, projectId);
    }
}
