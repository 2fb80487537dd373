package io.switchboard.chat.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.chat.model.Turn;
import io.switchboard.chat.model.TurnStatus;
import io.switchboard.chat.repository.TurnRepository;
import io.switchboard.events.Envelope;
import io.switchboard.events.chat.TurnQueued;
import io.switchboard.events.command.SendMessage;

/**
 * Accepts a SendMessage: the turn is stored and announced with TurnQueued before the command is
 * acknowledged, then handed to its chat's lane. The turn's answer does not hold up the command stream.
 */
@ApplicationScoped
public class TurnIntake {

    private final TurnRepository turns;
    private final ChatEventPublisher publisher;
    private final ChatLanes lanes;

    public TurnIntake(TurnRepository turns, ChatEventPublisher publisher, ChatLanes lanes) {
        this.turns = turns;
        this.publisher = publisher;
        this.lanes = lanes;
    }

    public Uni<Void> accept(Envelope command, SendMessage message) {
        Turn turn = new Turn(UUID.randomUUID(), command.tenantId(), command.chatId(), message.clientMessageId(),
                message.userId(), message.text(), message.model(), TurnStatus.QUEUED);
        return turns.insertIfNew(turn).chain(inserted -> {
            if (inserted.isEmpty()) {
                Log.infof("chatId=%s message %s was already accepted: ignored", turn.chatId(),
                        turn.clientMessageId());
                return Uni.createFrom().voidItem();
            }
            int position = lanes.pending(turn.chatId());
            return publisher.publish(turn.chatId(), turn.tenantId(), turn.id(), new TurnQueued(
                            turn.clientMessageId(), turn.userId(), turn.text(), turn.model(), position))
                    .invoke(() -> lanes.submit(turn))
                    .chain(() -> publisher.checkpoint(turn.chatId()));
        });
    }
}
