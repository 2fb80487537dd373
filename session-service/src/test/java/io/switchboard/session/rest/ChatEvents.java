package io.switchboard.session.rest;

import java.util.UUID;

import io.switchboard.events.Envelope;
import io.switchboard.events.Topics;
import io.switchboard.events.chat.TokenUsage;
import io.switchboard.events.chat.TurnCompleted;
import io.switchboard.events.chat.TurnQueued;
import io.switchboard.events.chat.TurnStarted;
import io.switchboard.events.json.EventJson;
import io.switchboard.testing.kafka.RawProducer;

/** What chat-service would write to chat.events for a chat, for the tests that need a history. */
final class ChatEvents {

    private ChatEvents() {
    }

    /** A whole turn from seq {@code seq} on: queued, started, answered (three seqs). */
    static UUID turn(RawProducer producer, String chatId, String tenantId, long seq, String question, String answer) {
        UUID turn = asked(producer, chatId, tenantId, seq, question);
        send(producer, Envelope.of(chatId, tenantId, seq + 1, turn, new TurnStarted("offline")));
        answered(producer, chatId, tenantId, seq + 2, turn, answer);
        return turn;
    }

    /** A question queued as turn, its answer still to come. */
    static UUID asked(RawProducer producer, String chatId, String tenantId, long seq, String question) {
        UUID turn = UUID.randomUUID();
        send(producer, Envelope.of(chatId, tenantId, seq, turn,
                new TurnQueued("m-" + turn, "alice", question, "offline", 0)));
        return turn;
    }

    static Envelope answered(RawProducer producer, String chatId, String tenantId, long seq, UUID turn,
            String answer) {
        Envelope completed = Envelope.of(chatId, tenantId, seq, turn, new TurnCompleted(answer, new TokenUsage(3, 5)));
        send(producer, completed);
        return completed;
    }

    static void send(RawProducer producer, Envelope event) {
        producer.send(Topics.CHAT_EVENTS, event.chatId(), EventJson.toBytes(event));
    }
}
