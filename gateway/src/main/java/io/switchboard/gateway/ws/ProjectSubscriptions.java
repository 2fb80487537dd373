package io.switchboard.gateway.ws;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.gateway.config.WsConfig;
import io.switchboard.gateway.fanout.Frames;
import io.switchboard.gateway.sidebar.ProjectSidebar;
import io.switchboard.gateway.sidebar.ProjectSidebars;
import io.switchboard.kit.problem.ProblemException;

/**
 * {@code subscribe_project} and {@code unsubscribe_project}: the live sidebar of a project, one subscription for all
 * its chats' summaries. session-service checks membership when it answers the snapshot: a project the caller is no
 * member of, or of another tenant, reads the same as one that does not exist. Subscribing again to a project the
 * connection follows starts it afresh with a new snapshot.
 */
@ApplicationScoped
public class ProjectSubscriptions {

    static final String PROJECT_ID = "projectId";

    private final ProjectSidebars sidebars;
    private final WsConfig config;

    public ProjectSubscriptions(ProjectSidebars sidebars, WsConfig config) {
        this.sidebars = sidebars;
        this.config = config;
    }

    Uni<Void> subscribe(ClientFrame frame, SocketSession session) {
        UUID projectId = frame.projectId();
        String reference = projectId.toString();
        if (session.sidebarCount() >= config.maxProjectSubscriptionsPerConnection()) {
            ProjectSidebar previous = session.removeSidebar(projectId);
            if (previous == null) {
                throw new FrameRejected("subscription_limit", "At most "
                        + config.maxProjectSubscriptionsPerConnection() + " projects per connection", null,
                        PROJECT_ID, reference);
            }
            sidebars.close(previous);
        }
        ProjectSidebar sidebar = sidebars.open(session.caller(), session.bearer(), projectId, session.outbox());
        List<ProjectSidebar> replaced = new ArrayList<>();
        if (!session.addSidebar(sidebar, replaced)) {
            sidebars.close(sidebar);
            return Uni.createFrom().voidItem();
        }
        replaced.forEach(sidebars::close);
        Log.debugf("project %s sidebar subscribed by connection %s", projectId, session.id());
        return sidebars.load(sidebar, session.bearer())
                .onFailure().transform(failure -> {
                    session.removeSidebar(sidebar);
                    return refusal(failure, reference);
                });
    }

    Uni<Void> unsubscribe(ClientFrame frame, SocketSession session) {
        UUID projectId = frame.projectId();
        if (!end(session, projectId)) {
            throw new FrameRejected("not_subscribed", "This connection does not follow that project", null,
                    PROJECT_ID, projectId.toString());
        }
        session.send(unsubscribed(projectId, null));
        return Uni.createFrom().voidItem();
    }

    /** Ends the connection's sidebar of the project; false when it had none. */
    boolean end(SocketSession session, UUID projectId) {
        ProjectSidebar sidebar = session.removeSidebar(projectId);
        return sidebar != null && sidebars.close(sidebar);
    }

    void releaseAll(Iterable<ProjectSidebar> held) {
        held.forEach(sidebars::close);
    }

    static String unsubscribed(UUID projectId, String reason) {
        ObjectNode frame = Frames.node("project_unsubscribed").put(PROJECT_ID, projectId.toString());
        if (reason != null) {
            frame.put("reason", reason);
        }
        return Frames.write(frame);
    }

    private static FrameRejected refusal(Throwable failure, String projectId) {
        if (failure instanceof ProblemException problem && problem.status() < 500) {
            return new FrameRejected("not_found", "No such project", null, PROJECT_ID, projectId);
        }
        Log.warnf("project %s sidebar could not be loaded: %s", projectId, failure.toString());
        return new FrameRejected("unavailable", "Try again shortly", null, PROJECT_ID, projectId);
    }
}
