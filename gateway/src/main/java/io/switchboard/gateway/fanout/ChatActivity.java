package io.switchboard.gateway.fanout;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.events.Envelope;
import io.switchboard.events.chat.QueuedTurnEdited;
import io.switchboard.events.chat.TurnCancelled;
import io.switchboard.events.chat.TurnCompleted;
import io.switchboard.events.chat.TurnFailed;
import io.switchboard.events.chat.TurnQueued;
import io.switchboard.events.chat.TurnStarted;
import io.switchboard.events.json.EventJson;

/**
 * A chat's running turn and waiting turns, derived from its chat events alone, so that a subscriber
 * learns them without a database call. Only touched under its chat feed's lock.
 */
final class ChatActivity {

    /** Queued turns a subscribed snapshot lists. */
    static final int MAX_SNAPSHOT_TURNS = 50;
    /** Characters of each queued turn's text a snapshot shows. */
    static final int MAX_PREVIEW_CHARS = 500;

    private UUID runningTurnId;
    private final List<QueuedTurn> queue = new ArrayList<>();

    void apply(Envelope event) {
        UUID turnId = event.turnId();
        if (turnId == null) {
            return;
        }
        if (event.payload() instanceof TurnQueued queued) {
            enqueue(turnId, queued);
        } else if (event.payload() instanceof TurnStarted) {
            remove(turnId);
            runningTurnId = turnId;
        } else if (event.payload() instanceof TurnCompleted || event.payload() instanceof TurnFailed
                || event.payload() instanceof TurnCancelled) {
            remove(turnId);
            if (turnId.equals(runningTurnId)) {
                runningTurnId = null;
            }
        } else if (event.payload() instanceof QueuedTurnEdited edited) {
            for (int i = 0; i < queue.size(); i++) {
                if (queue.get(i).turnId().equals(turnId)) {
                    queue.set(i, new QueuedTurn(turnId, edited.text()));
                }
            }
        }
    }

    /**
     * The event's position counts the turns that run before it, the running one included, so a message
     * sent with delivery "now" (position 0) goes to the front and an ordinary one to the back.
     */
    private void enqueue(UUID turnId, TurnQueued queued) {
        if (turnId.equals(runningTurnId)) {
            return;
        }
        remove(turnId);
        int index = queued.position() - (runningTurnId == null ? 0 : 1);
        queue.add(Math.max(0, Math.min(index, queue.size())), new QueuedTurn(turnId, queued.text()));
    }

    private void remove(UUID turnId) {
        queue.removeIf(turn -> turn.turnId().equals(turnId));
    }

    /** {@code {"busy", "runningTurnId", "queue": [{"turnId", "text", "position"}]}}, in queue order. */
    ObjectNode snapshot() {
        ObjectNode state = EventJson.mapper().createObjectNode();
        state.put("busy", runningTurnId != null);
        if (runningTurnId == null) {
            state.putNull("runningTurnId");
        } else {
            state.put("runningTurnId", runningTurnId.toString());
        }
        ArrayNode turns = state.putArray("queue");
        int ahead = runningTurnId == null ? 0 : 1;
        // A snapshot stays small whatever was queued: at most MAX_SNAPSHOT_TURNS entries with a preview of their
        // text; the whole text is in each turn's TurnQueued event and in the message history.
        for (int i = 0; i < Math.min(queue.size(), MAX_SNAPSHOT_TURNS); i++) {
            QueuedTurn turn = queue.get(i);
            boolean cut = turn.text().length() > MAX_PREVIEW_CHARS;
            int end = cut && Character.isHighSurrogate(turn.text().charAt(MAX_PREVIEW_CHARS - 1))
                    ? MAX_PREVIEW_CHARS - 1 : MAX_PREVIEW_CHARS;
            ObjectNode entry = turns.addObject()
                    .put("turnId", turn.turnId().toString())
                    .put("text", cut ? turn.text().substring(0, end) : turn.text())
                    .put("position", ahead + i);
            if (cut) {
                entry.put("textTruncated", true);
            }
        }
        state.put("queueLength", queue.size());
        return state;
    }

    private record QueuedTurn(UUID turnId, String text) {
    }
}
