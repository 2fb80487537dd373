package io.switchboard.chat.service;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.switchboard.chat.messaging.ChatEventsReader;

/**
 * What recovery read back from chat.events for chats whose owner stopped mid-window. A crash can fall
 * between publishing an event and storing its effect: a turn may be stored but never announced, or have
 * its ending published but not stored. Only chats read back can be in that state; for every other chat the
 * database is complete.
 */
final class RecoveredTail {

    private final Set<String> readChats = new HashSet<>();
    private final Set<UUID> announced = new HashSet<>();
    private final Map<UUID, String> endings = new HashMap<>();

    void add(Set<String> chatIds, ChatEventsReader.StreamTail tail) {
        readChats.addAll(chatIds);
        announced.addAll(tail.announced());
        endings.putAll(tail.endings());
    }

    /** False only when the chat was read back and the turn's TurnQueued is not there. */
    boolean wasAnnounced(String chatId, UUID turnId) {
        return !readChats.contains(chatId) || announced.contains(turnId);
    }

    /** The type of the ending already published for the turn, if one was. */
    String publishedEnding(UUID turnId) {
        return endings.get(turnId);
    }
}
