package io.switchboard.chat.service;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.switchboard.chat.model.Turn;

/**
 * One lane per chat: its turns run strictly one after another, while lanes of different chats run
 * side by side, whatever Kafka partition their commands came from. A turn occupies no thread while it
 * waits on its model, so a slow chat costs other chats nothing.
 */
@ApplicationScoped
public class ChatLanes {

    private final ConcurrentMap<String, Lane> lanes = new ConcurrentHashMap<>();
    private final TurnRunner runner;

    public ChatLanes(TurnRunner runner) {
        this.runner = runner;
    }

    /** Turns of the chat that are running or waiting. */
    public int pending(String chatId) {
        Lane lane = lanes.get(chatId);
        if (lane == null) {
            return 0;
        }
        synchronized (lane) {
            return lane.waiting.size() + (lane.running ? 1 : 0);
        }
    }

    public void submit(Turn turn) {
        while (true) {
            Lane lane = lanes.computeIfAbsent(turn.chatId(), id -> new Lane());
            Turn toStart = null;
            synchronized (lane) {
                // A lane emptied and removed meanwhile must not be revived: that would let two lanes of one
                // chat run at once. Take the fresh one instead.
                if (lane.retired) {
                    continue;
                }
                lane.waiting.addLast(turn);
                if (!lane.running) {
                    lane.running = true;
                    toStart = lane.waiting.pollFirst();
                }
            }
            if (toStart != null) {
                run(lane, toStart);
            }
            return;
        }
    }

    private void run(Lane lane, Turn turn) {
        runner.run(turn).subscribe().with(
                done -> next(lane, turn.chatId()),
                failure -> {
                    Log.errorf(failure, "chatId=%s turn %s ended abnormally", turn.chatId(), turn.id());
                    next(lane, turn.chatId());
                });
    }

    private void next(Lane lane, String chatId) {
        Turn next;
        synchronized (lane) {
            next = lane.waiting.pollFirst();
            if (next == null) {
                lane.running = false;
                lane.retired = true;
                lanes.remove(chatId, lane);
            }
        }
        if (next != null) {
            run(lane, next);
        }
    }

    private static final class Lane {
        private final Deque<Turn> waiting = new ArrayDeque<>();
        private boolean running;
        private boolean retired;
    }
}
