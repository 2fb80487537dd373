package io.switchboard.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.switchboard.events.command.SendMessage;
import io.switchboard.events.command.StopTurn;

/**
 * One chat the benchmark drives directly through chat.commands, as a user would: it sends its first
 * message, and each further one as soon as the previous turn ended. It learns about its turns from the
 * {@link EventAudit}, which has already judged each event, and records when they were queued and started
 * relative to the command that asked for them.
 *
 * <p>Called by the thread that reads chat.events and, to start and stop, by the benchmark's thread.
 */
final class OrchestratedChat {

    private final String chatId;
    private final String tenantId;
    private final String userId;
    private final int partition;
    private final List<String> messages;
    private final GroupFigures figures;
    private final CommandChannel commands;
    private final CompletableFuture<Void> firstTurnStarted = new CompletableFuture<>();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private final Map<String, Long> sentNanos = new HashMap<>();
    private final Map<String, Instant> sentAt = new HashMap<>();
    private final Map<UUID, Instant> queuedAt = new HashMap<>();
    private final Map<UUID, String> messageOfTurn = new HashMap<>();
    private final Set<UUID> endedTurns = new HashSet<>();
    private int sent;
    private int ended;
    private String lastEnding = "";

    OrchestratedChat(String chatId, String tenantId, String userId, int partition, List<String> messages,
            GroupFigures figures, CommandChannel commands) {
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("A chat needs at least one message");
        }
        this.chatId = chatId;
        this.tenantId = tenantId;
        this.userId = userId;
        this.partition = partition;
        this.messages = List.copyOf(messages);
        this.figures = figures;
        this.commands = commands;
    }

    String chatId() {
        return chatId;
    }

    String tenantId() {
        return tenantId;
    }

    int partition() {
        return partition;
    }

    GroupFigures figures() {
        return figures;
    }

    /** Sends the first message. */
    synchronized void start() {
        if (sent == 0) {
            sendNext();
        }
    }

    /** Asks chat-service to stop the running turn ("stop" in the UI). */
    void stop() {
        commands.send(chatId, tenantId, new StopTurn(userId));
    }

    /** Completes when the first turn has started; the stalled chat is then surely holding its turn. */
    CompletableFuture<Void> firstTurnStarted() {
        return firstTurnStarted;
    }

    /** Completes when every message's turn has ended. */
    CompletableFuture<Void> finished() {
        return finished;
    }

    synchronized int turnsEnded() {
        return ended;
    }

    /** The last turn end seen, as "type reason", e.g. "TurnCancelled stopped". */
    synchronized String lastEnding() {
        return lastEnding;
    }

    /**
     * A turn was queued for one of this chat's messages.
     *
     * @param at the TurnQueued envelope's {@code at}: when chat-service had stored the message
     * @return false when the chat never sent that message: it belongs to another chat or to nobody
     */
    synchronized boolean turnQueued(UUID turnId, String clientMessageId, long consumedNanos, Instant at) {
        Long sent = sentNanos.get(clientMessageId);
        if (sent == null) {
            return false;
        }
        if (messageOfTurn.putIfAbsent(turnId, clientMessageId) == null) {
            queuedAt.put(turnId, at);
            figures.queued(sent, consumedNanos, ChronoUnit.MICROS.between(sentAt.get(clientMessageId), at));
        }
        return true;
    }

    /** @param at the TurnStarted envelope's {@code at}: when chat-service started the turn */
    synchronized void turnStarted(UUID turnId, long consumedNanos, Instant at) {
        String clientMessageId = messageOfTurn.get(turnId);
        if (clientMessageId == null) {
            // Started without being queued: the audit counts that as an order violation.
            return;
        }
        figures.started(sentNanos.get(clientMessageId), consumedNanos, clientMessageId.equals(clientMessageId(1)),
                ChronoUnit.MICROS.between(queuedAt.get(turnId), at));
        firstTurnStarted.complete(null);
    }

    /**
     * A turn ended (TurnCompleted, TurnFailed or TurnCancelled); the next message goes out at once.
     *
     * @param ending "type reason", such as "TurnCompleted" or "TurnFailed model_error"
     */
    synchronized void turnEnded(UUID turnId, boolean completed, String ending, long consumedNanos) {
        boolean expected = messageOfTurn.containsKey(turnId) && endedTurns.add(turnId);
        figures.ended(completed, expected, consumedNanos, "chat " + chatId + " turn " + turnId + ": " + ending);
        if (!expected) {
            return;
        }
        ended++;
        lastEnding = ending;
        if (sent < messages.size()) {
            sendNext();
        } else if (ended >= messages.size()) {
            finished.complete(null);
        }
    }

    private void sendNext() {
        sent++;
        String clientMessageId = clientMessageId(sent);
        SendMessage message = new SendMessage(clientMessageId, userId, messages.get(sent - 1), "offline");
        sentAt.put(clientMessageId, Instant.now());
        sentNanos.put(clientMessageId, commands.send(chatId, tenantId, message));
    }

    /** Names the chat too, so a message that turns up in another chat is recognised as foreign. */
    private String clientMessageId(int number) {
        return chatId + "/message-" + number;
    }
}
