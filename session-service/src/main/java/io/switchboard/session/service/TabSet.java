package io.switchboard.session.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.switchboard.kit.problem.ProblemException;

/**
 * A user's tabs: the open ones in order, the active one, and the recently closed ones, newest first and at most
 * {@code closedKept} of them. A chat has at most one tab, open or closed. Each operation returns the next set.
 */
public record TabSet(List<UUID> open, UUID active, List<ClosedTab> closed) {

    /** A tab closed at {@code closedAt}, restorable until it falls off the end of the list. */
    public record ClosedTab(UUID chatId, Instant closedAt) {
    }

    public TabSet {
        open = List.copyOf(open);
        closed = List.copyOf(closed);
    }

    /** Opens the chat's tab (or moves it, when open and a position is given) and maybe activates it. */
    public TabSet open(UUID chatId, Integer position, boolean activate, int maxOpen) {
        List<UUID> nextOpen = new ArrayList<>(open);
        boolean wasOpen = nextOpen.remove(chatId);
        if (!wasOpen && nextOpen.size() >= maxOpen) {
            throw UserLimits.reached("open tabs", maxOpen);
        }
        int at = position == null ? (wasOpen ? open.indexOf(chatId) : nextOpen.size()) : position;
        if (at > nextOpen.size()) {
            throw ProblemException.badRequest("position must be between 0 and " + nextOpen.size());
        }
        nextOpen.add(at, chatId);
        return new TabSet(nextOpen, activate ? chatId : active, withoutClosed(chatId));
    }

    /** Closes an open tab; the tab that takes its place (else the one before it) becomes active if it was. */
    public TabSet close(UUID chatId, Instant at, int closedKept) {
        int index = open.indexOf(chatId);
        if (index < 0) {
            throw ProblemException.notFound("Open tab", chatId);
        }
        List<UUID> nextOpen = new ArrayList<>(open);
        nextOpen.remove(index);
        UUID nextActive = active;
        if (chatId.equals(active)) {
            nextActive = nextOpen.isEmpty() ? null : nextOpen.get(Math.min(index, nextOpen.size() - 1));
        }
        List<ClosedTab> nextClosed = new ArrayList<>();
        nextClosed.add(new ClosedTab(chatId, at));
        nextClosed.addAll(withoutClosed(chatId));
        return new TabSet(nextOpen, nextActive, nextClosed.subList(0, Math.min(closedKept, nextClosed.size())));
    }

    public TabSet move(UUID chatId, int to) {
        int index = open.indexOf(chatId);
        if (index < 0) {
            throw ProblemException.notFound("Open tab", chatId);
        }
        if (to >= open.size()) {
            throw ProblemException.badRequest("to must be between 0 and " + (open.size() - 1));
        }
        List<UUID> nextOpen = new ArrayList<>(open);
        nextOpen.add(to, nextOpen.remove(index));
        return new TabSet(nextOpen, active, closed);
    }

    public TabSet activate(UUID chatId) {
        if (chatId != null && !open.contains(chatId)) {
            throw ProblemException.notFound("Open tab", chatId);
        }
        return new TabSet(open, chatId, closed);
    }

    /** Reopens a closed tab (the most recently closed one when none is named) as the last tab, and activates it. */
    public TabSet restore(UUID chatId, int maxOpen) {
        UUID restored;
        if (chatId == null) {
            if (closed.isEmpty()) {
                throw ProblemException.conflict("There is no closed tab to restore");
            }
            restored = closed.get(0).chatId();
        } else if (closed.stream().anyMatch(tab -> tab.chatId().equals(chatId))) {
            restored = chatId;
        } else {
            throw ProblemException.notFound("Closed tab", chatId);
        }
        return open(restored, null, true, maxOpen);
    }

    private List<ClosedTab> withoutClosed(UUID chatId) {
        return closed.stream().filter(tab -> !tab.chatId().equals(chatId)).toList();
    }
}
