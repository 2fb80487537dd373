package io.switchboard.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.switchboard.events.Envelope;
import io.switchboard.events.chat.QueuedTurnEdited;
import io.switchboard.events.chat.TurnCancelled;
import io.switchboard.events.chat.TurnCompleted;
import io.switchboard.events.chat.TurnFailed;
import io.switchboard.events.chat.TurnQueued;
import io.switchboard.events.chat.TurnStarted;
import io.switchboard.events.json.EventJson;

/**
 * One chat's records on chat.events, in partition order, and the checks every failure test makes on them: the
 * stream is keyed and numbered right, and every accepted message ends exactly once, in order.
 */
final class ChatTimeline {

    /** A record of the chat, with where it sits in the topic. */
    record Event(int partition, long offset, String key, Envelope envelope) {

        String type() {
            return envelope.type();
        }

        boolean isEnding() {
            return envelope.payload() instanceof TurnCompleted || envelope.payload() instanceof TurnFailed
                    || envelope.payload() instanceof TurnCancelled;
        }

        /** Published before the cut: the end offsets of chat.events taken at some moment. */
        boolean before(Map<Integer, Long> cut) {
            return offset < cut.get(partition);
        }

        @Override
        public String toString() {
            return "seq " + envelope.seq() + " " + envelope.type() + " turn " + envelope.turnId() + " @" + partition
                    + ":" + offset;
        }
    }

    /** What happened to one message: its TurnQueued, its TurnStarted, its ending. */
    record Turn(String clientMessageId, UUID turnId, Event queued, Optional<Event> started, Event ending) {

        boolean completed() {
            return ending.envelope().payload() instanceof TurnCompleted;
        }

        boolean interrupted() {
            return ending.envelope().payload() instanceof TurnFailed failed && "interrupted".equals(failed.reason());
        }

        /** Running when the cut was taken: started before it, not ended before it. */
        boolean runningAt(Map<Integer, Long> cut) {
            return started.isPresent() && started.get().before(cut) && !ending.before(cut);
        }

        /** Still queued when the cut was taken. */
        boolean waitingAt(Map<Integer, Long> cut) {
            return queued.before(cut) && (started.isEmpty() || !started.get().before(cut)) && !ending.before(cut);
        }

        String describeEnding() {
            if (ending.envelope().payload() instanceof TurnFailed failed) {
                return "TurnFailed " + failed.reason();
            }
            if (ending.envelope().payload() instanceof TurnCancelled cancelled) {
                return "TurnCancelled " + cancelled.reason();
            }
            return ending.type();
        }
    }

    private final String chatId;
    private final List<Event> events;

    private ChatTimeline(String chatId, List<Event> events) {
        this.chatId = chatId;
        this.events = withoutResends(events.stream().sorted(Comparator.comparingLong(Event::offset)).toList());
    }

    /**
     * The chat's events as its consumers see them. The same event written again right after itself (same envelope
     * id and seq) is a resend whose first acknowledgement was lost; consumers drop it by seq
     * (docs/chat-orchestration.md), so it is dropped here too. Anything else, two different events with one seq
     * included, stays for the assertions below to find.
     */
    private static List<Event> withoutResends(List<Event> inOffsetOrder) {
        List<Event> kept = new ArrayList<>();
        for (Event event : inOffsetOrder) {
            Event previous = kept.isEmpty() ? null : kept.get(kept.size() - 1);
            if (previous != null && previous.envelope().id().equals(event.envelope().id())
                    && previous.envelope().seq() == event.envelope().seq()) {
                continue;
            }
            kept.add(event);
        }
        return kept;
    }

    /** The timelines of these chats among the records: by key, and by the chatId inside where that differs. */
    static Map<String, ChatTimeline> of(List<ConsumerRecord<String, byte[]>> records, Collection<String> chatIds) {
        Map<String, List<Event>> byChat = new LinkedHashMap<>();
        chatIds.forEach(chatId -> byChat.put(chatId, new ArrayList<>()));
        for (ConsumerRecord<String, byte[]> record : records) {
            Envelope envelope = EventJson.fromBytes(record.value());
            Event event = new Event(record.partition(), record.offset(), record.key(), envelope);
            Set<String> owners = new HashSet<>();
            if (record.key() != null && byChat.containsKey(record.key())) {
                owners.add(record.key());
            }
            if (byChat.containsKey(envelope.chatId())) {
                owners.add(envelope.chatId());
            }
            owners.forEach(owner -> byChat.get(owner).add(event));
        }
        Map<String, ChatTimeline> timelines = new LinkedHashMap<>();
        byChat.forEach((chatId, events) -> timelines.put(chatId, new ChatTimeline(chatId, events)));
        return timelines;
    }

    String chatId() {
        return chatId;
    }

    List<Event> events() {
        return events;
    }

    /** The chat's partition (the same number in chat.commands and chat.events). */
    int partition() {
        assertThat(events).as("chat %s has events", chatId).isNotEmpty();
        return events.get(0).partition();
    }

    long count(String type) {
        return events.stream().filter(event -> event.type().equals(type)).count();
    }

    /** Every record keyed by this chatId and naming it, all on one partition, seq 1, 2, 3... with no gap. */
    void assertKeyedAndGapless() {
        assertThat(events).as("chat %s has events", chatId).isNotEmpty();
        for (int i = 0; i < events.size(); i++) {
            Event event = events.get(i);
            assertThat(event.key()).as("key of %s in chat %s", event, chatId).isEqualTo(chatId);
            assertThat(event.envelope().chatId()).as("chatId of %s", event).isEqualTo(chatId);
            assertThat(event.partition()).as("partition of %s in chat %s", event, chatId)
                    .isEqualTo(events.get(0).partition());
            assertThat(event.envelope().seq())
                    .as("seq of record %d of chat %s (gapless, strictly increasing, no duplicate): %s", i, chatId,
                            window(i))
                    .isEqualTo(i + 1L);
        }
    }

    /**
     * Every message sent (by Idempotency-Key, in send order) was queued exactly once and ended exactly once;
     * nothing else was queued; turns ran one at a time, in send order, each between its TurnQueued and its
     * ending. Returns the turns in send order.
     */
    List<Turn> assertEachMessageEndsOnceInOrder(List<String> keysInSendOrder) {
        Map<String, List<Event>> queuedByKey = new LinkedHashMap<>();
        for (Event event : events) {
            if (event.envelope().payload() instanceof TurnQueued queued) {
                queuedByKey.computeIfAbsent(queued.clientMessageId(), key -> new ArrayList<>()).add(event);
            }
        }
        assertThat(queuedByKey.keySet()).as("messages queued in chat %s", chatId)
                .containsExactlyInAnyOrderElementsOf(keysInSendOrder);
        queuedByKey.forEach((key, queued) -> assertThat(queued)
                .as("TurnQueued of message %s in chat %s (one per Idempotency-Key)", key, chatId).hasSize(1));
        Map<UUID, String> keyByTurn = queuedByKey.entrySet().stream().collect(Collectors.toMap(
                entry -> entry.getValue().get(0).envelope().turnId(), Map.Entry::getKey));
        assertThat(keyByTurn).as("distinct turns in chat %s", chatId).hasSize(keysInSendOrder.size());

        List<Turn> turns = new ArrayList<>();
        for (String key : keysInSendOrder) {
            Event queued = queuedByKey.get(key).get(0);
            UUID turnId = queued.envelope().turnId();
            List<Event> ofTurn = events.stream().filter(event -> turnId.equals(event.envelope().turnId())).toList();
            List<Event> started = ofTurn.stream().filter(event -> event.envelope().payload() instanceof TurnStarted)
                    .toList();
            List<Event> endings = ofTurn.stream().filter(Event::isEnding).toList();
            assertThat(endings).as("endings of message %s (turn %s) in chat %s", key, turnId, chatId).hasSize(1);
            assertThat(started).as("starts of message %s (turn %s) in chat %s", key, turnId, chatId)
                    .hasSizeLessThanOrEqualTo(1);
            Event ending = endings.get(0);
            assertThat(ofTurn.get(0)).as("first event of turn %s in chat %s", turnId, chatId).isEqualTo(queued);
            assertThat(ofTurn.get(ofTurn.size() - 1)).as("last event of turn %s in chat %s", turnId, chatId)
                    .isEqualTo(ending);
            Turn turn = new Turn(key, turnId, queued, started.stream().findFirst(), ending);
            if (turn.completed()) {
                assertThat(turn.started()).as("completed turn %s in chat %s started", turnId, chatId).isPresent();
            }
            turns.add(turn);
        }
        assertThat(events.stream().filter(event -> event.envelope().turnId() != null)
                .filter(event -> !keyByTurn.containsKey(event.envelope().turnId())).toList())
                .as("events of turns no message asked for in chat %s", chatId).isEmpty();

        List<String> startOrder = new ArrayList<>();
        UUID open = null;
        for (Event event : events) {
            UUID turnId = event.envelope().turnId();
            if (event.envelope().payload() instanceof TurnStarted) {
                assertThat(open).as("turn running when %s started in chat %s", event, chatId).isNull();
                open = turnId;
                startOrder.add(keyByTurn.get(turnId));
            } else if (event.isEnding() && turnId.equals(open)) {
                open = null;
            } else if (turnId != null && !(event.envelope().payload() instanceof TurnQueued)
                    && !(event.envelope().payload() instanceof QueuedTurnEdited) && !event.isEnding()) {
                assertThat(turnId).as("turn of %s in chat %s is the running one", event, chatId).isEqualTo(open);
            }
        }
        assertThat(startOrder).as("order in which the messages of chat %s ran", chatId)
                .isEqualTo(keysInSendOrder.stream().filter(startOrder::contains).toList());
        return turns;
    }

    /** A few records around position {@code i}, for assertion messages. */
    private String window(int i) {
        return events.subList(Math.max(0, i - 2), Math.min(events.size(), i + 3)).toString();
    }
}
