package io.switchboard.chat.service;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.switchboard.chat.model.Turn;

/**
 * A chat's turns waiting to run, lowest rank first ("send now" turns rank ahead of the others). Only its lane's
 * serial tasks touch it, so it needs no locking.
 */
final class TurnQueue {

    private final LinkedList<Turn> waiting = new LinkedList<>();

    /** Places the turn behind every turn of a lower rank (ranks are distinct: the store hands them out). */
    void insert(Turn turn) {
        int index = 0;
        while (index < waiting.size() && waiting.get(index).rank() < turn.rank()) {
            index++;
        }
        waiting.add(index, turn);
    }

    boolean contains(UUID turnId) {
        return indexOf(turnId) >= 0;
    }

    /** The turn's new text, if it is still waiting; false when it is not. */
    boolean replaceText(UUID turnId, String text) {
        int index = indexOf(turnId);
        if (index < 0) {
            return false;
        }
        waiting.set(index, waiting.get(index).withText(text));
        return true;
    }

    Optional<Turn> remove(UUID turnId) {
        for (Iterator<Turn> it = waiting.iterator(); it.hasNext();) {
            Turn turn = it.next();
            if (turn.id().equals(turnId)) {
                it.remove();
                return Optional.of(turn);
            }
        }
        return Optional.empty();
    }

    /** The next turn to run, taken off the queue; null when none waits. */
    Turn next() {
        return waiting.pollFirst();
    }

    /** Every waiting turn, in order, taken off the queue. */
    List<Turn> drain() {
        List<Turn> all = new ArrayList<>(waiting);
        waiting.clear();
        return all;
    }

    int size() {
        return waiting.size();
    }

    boolean isEmpty() {
        return waiting.isEmpty();
    }

    private int indexOf(UUID turnId) {
        for (int i = 0; i < waiting.size(); i++) {
            if (waiting.get(i).id().equals(turnId)) {
                return i;
            }
        }
        return -1;
    }
}
