package io.switchboard.chat.service;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.chat.config.ChatConfig;
import io.switchboard.chat.messaging.ChatEventsReader;
import io.switchboard.chat.model.Turn;
import io.switchboard.chat.repository.ChatStreamRepository;
import io.switchboard.chat.repository.TurnRepository;

/**
 * Takes over and gives up chat.commands partitions. Taking over first makes every chat's seq exact again
 * (reading back what a crashed owner published after its last checkpoint), then resumes the open turns:
 * running ones end as interrupted, queued ones run. Giving up ends this instance's running turns of those
 * partitions as interrupted and waits until that is recorded.
 */
@ApplicationScoped
public class StreamRecovery {

    // Kafka timestamps come from the producer's clock, the window start from the database's.
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);
    private static final Duration RECOVERY_TIMEOUT = Duration.ofMinutes(3);

    private final ChatStreamRepository streams;
    private final TurnRepository turns;
    private final ChatEventsReader reader;
    private final ChatLanes lanes;
    private final PartitionOwnership ownership;
    private final ChatConfig config;

    public StreamRecovery(ChatStreamRepository streams, TurnRepository turns, ChatEventsReader reader,
            ChatLanes lanes, PartitionOwnership ownership, ChatConfig config) {
        this.streams = streams;
        this.turns = turns;
        this.reader = reader;
        this.lanes = lanes;
        this.ownership = ownership;
        this.config = config;
    }

    /** Blocks until the partitions' chats are ready for commands. */
    public void takeOver(Collection<Integer> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        RecoveredTail tail = new RecoveredTail();
        for (int partition : partitions) {
            restoreSeqs(partition, tail);
        }
        ownership.acquire(partitions);
        List<TurnRepository.OpenTurn> open = turns.openTurns(partitions).await().atMost(RECOVERY_TIMEOUT);
        Map<String, List<TurnRepository.OpenTurn>> byChat = open.stream().collect(
                Collectors.groupingBy(o -> o.turn().chatId(), LinkedHashMap::new, Collectors.toList()));
        List<Uni<Void>> resumed = new ArrayList<>();
        byChat.forEach((chatId, chatTurns) -> {
            Turn first = chatTurns.get(0).turn();
            resumed.add(lanes.lane(chatId, first.tenantId(), chatTurns.get(0).partition())
                    .chain(lane -> lane.recover(chatTurns.stream().map(TurnRepository.OpenTurn::turn).toList(),
                            tail)));
        });
        if (!resumed.isEmpty()) {
            Uni.join().all(resumed).andCollectFailures().await().atMost(RECOVERY_TIMEOUT);
        }
        Log.infof("Took over partitions %s: %d open turns in %d chats", partitions, open.size(), byChat.size());
    }

    /** Blocks until this instance's chats on the partitions have been handed over. */
    public void handOver(Collection<Integer> partitions, boolean publish) {
        if (partitions.isEmpty()) {
            return;
        }
        Duration timeout = config.scheduling().handoverTimeout();
        try {
            ownership.release(partitions, timeout);
            lanes.retire(partitions, publish).await().atMost(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            Log.errorf(e, "Handing over partitions %s did not finish cleanly", partitions);
        }
        Log.infof("Handed over partitions %s", partitions);
    }

    private void restoreSeqs(int partition, RecoveredTail tail) {
        List<ChatStreamRepository.OpenWindow> windows = streams.openWindows(partition).await()
                .atMost(RECOVERY_TIMEOUT);
        if (windows.isEmpty()) {
            return;
        }
        OffsetDateTime since = windows.stream().map(ChatStreamRepository.OpenWindow::since)
                .min(OffsetDateTime::compareTo).orElseThrow();
        Set<String> chatIds = windows.stream().map(ChatStreamRepository.OpenWindow::chatId)
                .collect(Collectors.toSet());
        ChatEventsReader.StreamTail read = reader.readTail(partition, since.toInstant().minus(CLOCK_SKEW), chatIds);
        tail.add(chatIds, read);
        Map<String, Long> published = read.highestSeqs();
        for (ChatStreamRepository.OpenWindow window : windows) {
            long seq = Math.max(window.lastSeq(), published.getOrDefault(window.chatId(), 0L));
            if (seq != window.lastSeq()) {
                Log.infof("chatId=%s seq restored from chat.events: %d -> %d", window.chatId(), window.lastSeq(),
                        seq);
            }
            streams.checkpoint(window.tenantId(), window.chatId(), seq, true).await().atMost(RECOVERY_TIMEOUT);
        }
    }
}
