package io.switchboard.chat.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.chat.repository.ChatStreamRepository;

/** The chats this instance runs, by chatId, each loaded once from its stored stream. */
@ApplicationScoped
public class ChatLanes {

    private final ConcurrentMap<String, Uni<ChatLane>> lanes = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, ChatLane> loaded = new ConcurrentHashMap<>();
    private final ChatStreamRepository streams;
    private final LaneServices services;

    public ChatLanes(ChatStreamRepository streams, LaneServices services) {
        this.streams = streams;
        this.services = services;
    }

    public Uni<ChatLane> lane(String chatId, String tenantId, int partition) {
        return lanes.computeIfAbsent(chatId, id -> streams.open(tenantId, id, partition)
                .map(stream -> new ChatLane(stream, tenantId, partition, services, this))
                .invoke(lane -> loaded.put(id, lane))
                .onFailure().invoke(failure -> lanes.remove(id))
                .memoize().indefinitely());
    }

    /**
     * The chat's lane if this instance has loaded it or is loading it. A lane still loading may have read the
     * chat's state just before a lifecycle change was stored: whoever changes the state must reach it too.
     */
    public Optional<Uni<ChatLane>> loadedOrLoading(String chatId) {
        return Optional.ofNullable(lanes.get(chatId));
    }

    /** The chat's lane if this instance has loaded it. */
    public Optional<ChatLane> loaded(String chatId) {
        return Optional.ofNullable(loaded.get(chatId));
    }

    /** Forgets the lanes of these partitions and retires them; completes when they have. */
    public Uni<Void> retire(Collection<Integer> partitions, boolean publish) {
        List<Uni<Void>> retiring = new ArrayList<>();
        for (Map.Entry<String, ChatLane> entry : loaded.entrySet()) {
            ChatLane lane = entry.getValue();
            if (partitions.contains(lane.partition())) {
                loaded.remove(entry.getKey(), lane);
                lanes.remove(entry.getKey());
                retiring.add(lane.retire(publish));
            }
        }
        if (retiring.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(retiring).andCollectFailures().replaceWithVoid();
    }

    /** Evicts the lanes of chats quiet for at least {@code idleFor}; completes with how many were evicted. */
    public Uni<Integer> evictIdle(Duration idleFor) {
        List<Uni<Boolean>> checks = loaded.values().stream().map(lane -> lane.evictIfIdle(idleFor)).toList();
        if (checks.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return Uni.join().all(checks).andCollectFailures()
                .map(results -> (int) results.stream().filter(Boolean::booleanValue).count());
    }

    void forget(ChatLane lane) {
        if (loaded.remove(lane.chatId(), lane)) {
            lanes.remove(lane.chatId());
        }
    }

    public int size() {
        return loaded.size();
    }
}
