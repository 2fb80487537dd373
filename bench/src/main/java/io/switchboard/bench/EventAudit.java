package io.switchboard.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.switchboard.events.Envelope;
import io.switchboard.events.EventType;
import io.switchboard.events.chat.CommandRejected;
import io.switchboard.events.chat.TextDelta;
import io.switchboard.events.chat.TurnCancelled;
import io.switchboard.events.chat.TurnCompleted;
import io.switchboard.events.chat.TurnFailed;
import io.switchboard.events.chat.TurnQueued;
import io.switchboard.events.json.EventJson;
import io.switchboard.events.json.MalformedEventException;

/**
 * Judges every record of chat.events, as one consumer of all partitions sees them, then tells the chat it
 * belongs to about its turns.
 *
 * <p>A <b>leak</b> is an event that could reach the wrong chat or comes from one: its chatId is not a chat
 * the benchmark created, its key differs from its chatId, its tenant or partition is not its chat's, its
 * turnId was already seen in another chat, or its TurnQueued carries a message the chat never sent.
 *
 * <p>An <b>order violation</b> is, per chat, a seq that is not exactly the previous one plus one (starting
 * at 1), or a turn's events out of their order: TurnQueued first, then TurnStarted, then text and tool
 * events, then exactly one end; and no second turn of a chat starting before the first one ended.
 *
 * <p>A <b>text mismatch</b> is a TurnCompleted whose text is not its TextDeltas joined: a delta lost,
 * repeated or taken from another turn.
 *
 * <p>Fed by one thread; the benchmark's thread registers chats and reads the counts, hence the lock.
 */
final class EventAudit {

    private static final int MAX_SAMPLES = 12;

    private final Map<String, OrchestratedChat> chats = new HashMap<>();
    private final Map<String, Long> lastSeq = new HashMap<>();
    private final Map<UUID, String> chatOfTurn = new HashMap<>();
    private final Map<UUID, TurnProgress> turns = new HashMap<>();
    private final Map<String, UUID> runningTurnOfChat = new HashMap<>();
    private final List<String> samples = new ArrayList<>();
    private long events;
    private long leaks;
    private long orderViolations;
    private long unreadable;
    private long textMismatches;
    private long rejections;
    private int running;
    private int peakRunning;

    /** Must happen before the chat's first command is sent, or its events count as leaks. */
    synchronized void register(OrchestratedChat chat) {
        chats.put(chat.chatId(), chat);
    }

    /**
     * One record of chat.events.
     *
     * @param consumedNanos {@link System#nanoTime()} when the poll that held it returned
     * @param consumedAt    the wall clock at that moment, to compare with the envelope's {@code at}
     */
    synchronized void onRecord(String key, int partition, byte[] value, long consumedNanos, Instant consumedAt) {
        events++;
        Envelope event;
        try {
            event = EventJson.fromBytes(value);
        } catch (MalformedEventException e) {
            unreadable++;
            sample("unreadable record with key " + key + " on partition " + partition + ": " + e.getMessage());
            return;
        }
        OrchestratedChat chat = event.chatId() == null ? null : chats.get(event.chatId());
        if (chat == null) {
            leak(event, "chatId is not a chat of this benchmark");
            return;
        }
        chat.figures().event();
        if (!event.chatId().equals(key)) {
            leak(event, "key " + key + " differs from the chatId");
        }
        if (!chat.tenantId().equals(event.tenantId())) {
            leak(event, "tenant is not the chat's tenant " + chat.tenantId());
        }
        if (partition != chat.partition()) {
            leak(event, "on partition " + partition + ", the chat's partition is " + chat.partition());
        }
        if (event.turnId() != null) {
            String owner = chatOfTurn.putIfAbsent(event.turnId(), event.chatId());
            if (owner != null && !owner.equals(event.chatId())) {
                leak(event, "turn " + event.turnId() + " was already seen in chat " + owner);
                return;
            }
        }
        checkSeq(event);
        checkTurn(chat, event, consumedNanos, consumedAt);
    }

    synchronized Counts counts() {
        return new Counts(events, leaks, orderViolations, unreadable, textMismatches, rejections, peakRunning,
                List.copyOf(samples));
    }

    private void checkSeq(Envelope event) {
        long last = lastSeq.getOrDefault(event.chatId(), 0L);
        if (event.seq() != last + 1) {
            violation(event, "seq " + event.seq() + " after " + last);
        }
        lastSeq.put(event.chatId(), Math.max(last, event.seq()));
    }

    private void checkTurn(OrchestratedChat chat, Envelope event, long consumedNanos, Instant consumedAt) {
        EventType type = event.eventType();
        if (type == EventType.COMMAND_REJECTED) {
            rejections++;
            CommandRejected rejected = event.payloadAs(CommandRejected.class);
            sample("chat " + event.chatId() + " rejected " + rejected.command() + ": " + rejected.reason());
            return;
        }
        if (event.turnId() == null) {
            violation(event, type.wireName() + " without a turnId");
            return;
        }
        TurnProgress turn = turns.get(event.turnId());
        if (type == EventType.TURN_QUEUED) {
            if (turn != null) {
                violation(event, "a second TurnQueued for the turn");
                return;
            }
            turns.put(event.turnId(), new TurnProgress());
            TurnQueued queued = event.payloadAs(TurnQueued.class);
            if (!chat.turnQueued(event.turnId(), queued.clientMessageId(), consumedNanos, event.at())) {
                leak(event, "the chat never sent message " + queued.clientMessageId());
            }
            return;
        }
        if (turn == null) {
            violation(event, type.wireName() + " before the turn's TurnQueued");
            return;
        }
        if (turn.stage == Stage.ENDED) {
            violation(event, type.wireName() + " after the turn ended");
            return;
        }
        switch (type) {
            case QUEUED_TURN_EDITED -> requireStage(turn, Stage.QUEUED, event);
            case TURN_STARTED -> {
                if (requireStage(turn, Stage.QUEUED, event)) {
                    UUID other = runningTurnOfChat.putIfAbsent(event.chatId(), event.turnId());
                    if (other != null) {
                        violation(event, "started while turn " + other + " of the chat was still running");
                    }
                    turn.stage = Stage.STARTED;
                    peakRunning = Math.max(peakRunning, ++running);
                    chat.turnStarted(event.turnId(), consumedNanos, event.at());
                }
            }
            case TEXT_DELTA -> {
                if (requireStage(turn, Stage.STARTED, event)) {
                    turn.text.append(event.payloadAs(TextDelta.class).text());
                    chat.figures().delta(ChronoUnit.MICROS.between(event.at(), consumedAt));
                }
            }
            case TOOL_CALL_STARTED, TOOL_CALL_RESULT, TOOL_CALL_FAILED ->
                    requireStage(turn, Stage.STARTED, event);
            case TURN_COMPLETED -> {
                if (requireStage(turn, Stage.STARTED, event)) {
                    String answer = event.payloadAs(TurnCompleted.class).text();
                    if (!turn.text.toString().equals(answer)) {
                        textMismatches++;
                        sample("chat " + event.chatId() + " turn " + event.turnId()
                                + ": TurnCompleted text differs from its TextDeltas joined");
                    }
                    end(chat, event, turn, true, "TurnCompleted", consumedNanos);
                }
            }
            case TURN_FAILED -> end(chat, event, turn, false,
                    "TurnFailed " + event.payloadAs(TurnFailed.class).reason(), consumedNanos);
            case TURN_CANCELLED -> end(chat, event, turn, false,
                    "TurnCancelled " + event.payloadAs(TurnCancelled.class).reason(), consumedNanos);
            default -> violation(event, type.wireName() + " is not a chat.events type");
        }
    }

    private void end(OrchestratedChat chat, Envelope event, TurnProgress turn, boolean completed, String ending,
            long consumedNanos) {
        if (turn.stage == Stage.STARTED) {
            running--;
            runningTurnOfChat.remove(event.chatId(), event.turnId());
        }
        turn.stage = Stage.ENDED;
        turn.text.setLength(0);
        chat.turnEnded(event.turnId(), completed, ending, consumedNanos);
    }

    private boolean requireStage(TurnProgress turn, Stage expected, Envelope event) {
        if (turn.stage == expected) {
            return true;
        }
        violation(event, event.type() + " while the turn is " + turn.stage.name().toLowerCase());
        return false;
    }

    private void leak(Envelope event, String why) {
        leaks++;
        sample("leak: " + describe(event) + ": " + why);
    }

    private void violation(Envelope event, String why) {
        orderViolations++;
        sample("order: " + describe(event) + ": " + why);
    }

    private static String describe(Envelope event) {
        return event.type() + " chat " + event.chatId() + " seq " + event.seq() + " turn " + event.turnId();
    }

    private void sample(String problem) {
        if (samples.size() < MAX_SAMPLES) {
            samples.add(problem);
        }
    }

    private enum Stage { QUEUED, STARTED, ENDED }

    private static final class TurnProgress {

        private Stage stage = Stage.QUEUED;
        private final StringBuilder text = new StringBuilder();
    }

    /**
     * @param events          chat.events records consumed
     * @param leaks           see {@link EventAudit}
     * @param orderViolations see {@link EventAudit}
     * @param unreadable      records that were not a valid envelope
     * @param textMismatches  completed turns whose text is not their deltas joined
     * @param rejections      CommandRejected events (none is expected)
     * @param peakRunning     most turns started and not yet ended at one moment, as consumed
     * @param samples         the first problems, described
     */
    record Counts(long events, long leaks, long orderViolations, long unreadable, long textMismatches,
            long rejections, int peakRunning, List<String> samples) {
    }
}
