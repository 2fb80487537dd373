package io.switchboard.session.service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import io.switchboard.kit.problem.ProblemException;

/**
 * The ordered panes of a view and the rules every change keeps: at most {@code maxPanes} panes, a chat at most
 * once, each pane at least {@value #MIN_SIZE} % and the sizes summing to 100. Adding a pane splits the view
 * equally; removing one gives its size to its neighbour (the pane before it, else the one after), as the
 * database does when a chat is deleted, so that the other panes keep the sizes the user gave them.
 */
public final class PaneArrangement {

    public static final int MIN_SIZE = 10;
    public static final int WHOLE = 100;

    private final List<PaneSpec> panes;

    private PaneArrangement(List<PaneSpec> panes) {
        this.panes = List.copyOf(panes);
    }

    public static PaneArrangement of(List<PaneSpec> panes) {
        return new PaneArrangement(panes);
    }

    /** Panes given with a size each, or with none (then split equally); any other mix is refused. */
    public static PaneArrangement create(List<PaneSpec> requested, List<Integer> sizes, int maxPanes) {
        if (requested.size() > maxPanes) {
            throw ProblemException.badRequest("The view may have at most " + maxPanes + " panes; the request has "
                    + requested.size());
        }
        PaneArrangement arrangement = new PaneArrangement(requested);
        arrangement.checkDistinctChats();
        boolean noneSized = sizes.stream().allMatch(size -> size == null);
        if (noneSized) {
            return arrangement.splitEqually();
        }
        if (sizes.stream().anyMatch(size -> size == null)) {
            throw ProblemException.badRequest("Give every pane a size, or none");
        }
        return arrangement.resize(sizes);
    }

    public List<PaneSpec> panes() {
        return panes;
    }

    public PaneArrangement add(PaneSpec pane, Integer position, int maxPanes) {
        checkCount(panes.size() + 1, maxPanes);
        int at = position == null ? panes.size() : position;
        if (at < 0 || at > panes.size()) {
            throw ProblemException.badRequest("position must be between 0 and " + panes.size());
        }
        List<PaneSpec> next = new ArrayList<>(panes);
        next.add(at, pane);
        PaneArrangement added = new PaneArrangement(next);
        added.checkDistinctChats();
        return added.splitEqually();
    }

    public PaneArrangement remove(int index) {
        checkIndex(index);
        List<PaneSpec> next = new ArrayList<>(panes);
        PaneSpec gone = next.remove(index);
        if (!next.isEmpty()) {
            int heir = index > 0 ? index - 1 : 0;
            next.set(heir, next.get(heir).withSize(next.get(heir).size() + gone.size()));
        }
        return new PaneArrangement(next);
    }

    public PaneArrangement move(int index, int to) {
        checkIndex(index);
        if (to < 0 || to >= panes.size()) {
            throw ProblemException.badRequest("to must be between 0 and " + (panes.size() - 1));
        }
        List<PaneSpec> next = new ArrayList<>(panes);
        next.add(to, next.remove(index));
        return new PaneArrangement(next);
    }

    public PaneArrangement resize(List<Integer> sizes) {
        if (sizes.size() != panes.size()) {
            throw ProblemException.badRequest("sizes must name one size per pane: the view has " + panes.size()
                    + " pane(s), the request " + sizes.size());
        }
        int sum = 0;
        List<PaneSpec> next = new ArrayList<>(panes.size());
        for (int i = 0; i < panes.size(); i++) {
            int size = sizes.get(i);
            if (size < MIN_SIZE) {
                throw ProblemException.badRequest("Pane " + i + " would be " + size + " %; each pane needs at least "
                        + MIN_SIZE + " %");
            }
            sum += size;
            next.add(panes.get(i).withSize(size));
        }
        if (!panes.isEmpty() && sum != WHOLE) {
            throw ProblemException.badRequest("The sizes add up to " + sum + " %; they must add up to " + WHOLE);
        }
        return new PaneArrangement(next);
    }

    /** The pane at {@code index} showing another chat or model; a null keeps what the pane has. */
    public PaneArrangement replace(int index, UUID chatId, String model) {
        checkIndex(index);
        PaneSpec old = panes.get(index);
        List<PaneSpec> next = new ArrayList<>(panes);
        next.set(index, new PaneSpec(chatId == null ? old.chatId() : chatId, model == null ? old.model() : model,
                old.size()));
        PaneArrangement replaced = new PaneArrangement(next);
        replaced.checkDistinctChats();
        return replaced;
    }

    /** Refuses a maximum below the panes the view already has. */
    public void checkFits(int maxPanes) {
        if (panes.size() > maxPanes) {
            throw ProblemException.conflict("The view has " + panes.size() + " panes; remove some before lowering "
                    + "maxPanes to " + maxPanes);
        }
    }

    private PaneArrangement splitEqually() {
        int count = panes.size();
        List<PaneSpec> next = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            // The remainder goes to the first panes, one percent each.
            next.add(panes.get(i).withSize(WHOLE / count + (i < WHOLE % count ? 1 : 0)));
        }
        return new PaneArrangement(next);
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= panes.size()) {
            throw ProblemException.notFound("Pane", index);
        }
    }

    private void checkDistinctChats() {
        HashSet<UUID> seen = new HashSet<>();
        for (PaneSpec pane : panes) {
            if (!seen.add(pane.chatId())) {
                throw ProblemException.conflict("Chat " + pane.chatId() + " is already shown in this view");
            }
        }
    }

    private static void checkCount(int count, int maxPanes) {
        if (count > maxPanes) {
            throw new ProblemException(409, "urn:switchboard:problem:too-many-panes", "Too many panes",
                    "This view may have at most " + maxPanes + " panes");
        }
    }
}
