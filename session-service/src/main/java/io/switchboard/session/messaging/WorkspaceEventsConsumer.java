package io.switchboard.session.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.events.Envelope;
import io.switchboard.kit.consumer.ConsumerFailurePolicy;
import io.switchboard.kit.consumer.GivenUp;
import io.switchboard.session.service.ChatLifecycleService;

/**
 * Marks a chat completed when git-workspace-service reports its pull request merged ({@code PullRequestUpdated}
 * on workspace.events), under the {@link ConsumerFailurePolicy}: a record that cannot be read, routed or applied
 * is dead-lettered to workspace.events.dlq and the partition moves on. The change runs under the tenant the
 * envelope names, so a record naming another tenant's chat finds nothing and changes nothing.
 */
@ApplicationScoped
public class WorkspaceEventsConsumer {

    private final ConsumerFailurePolicy policy;
    private final ChatLifecycleService lifecycle;

    public WorkspaceEventsConsumer(ConsumerFailurePolicy policy, ChatLifecycleService lifecycle) {
        this.policy = policy;
        this.lifecycle = lifecycle;
    }

    @Incoming("workspace-events")
    public Uni<Void> consume(ConsumerRecord<String, Envelope> record) {
        return policy.process(record, this::apply, this::setAside);
    }

    private Uni<Void> apply(Envelope event) {
        // Commits, conflict radar changes and the other states of a pull request are nearly all of
        // workspace.events: none of them changes a chat here, and none may cost a database transaction.
        return ChatLifecycleService.mergesPullRequest(event) ? lifecycle.pullRequestMerged(event)
                : Uni.createFrom().voidItem();
    }

    /*
     * The chat stays as it was (active): the user can still mark it completed. The dead-letter copy keeps the
     * record for an operator to replay; the log line says which chat missed its completion.
     */
    private Uni<Void> setAside(GivenUp givenUp) {
        Envelope event = givenUp.event();
        Log.errorf("chatId=%s %s seq=%d not applied (%s): the chat was not marked completed; the record is on the "
                + "dead-letter topic", event.chatId(), event.type(), event.seq(), givenUp.reason());
        return Uni.createFrom().voidItem();
    }
}
