package io.switchboard.chat.service;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.chat.config.ChatConfig;

/**
 * Shares this instance's turn slots fairly. A chat with a turn to start asks for a permit; permits go out
 * round-robin across tenants and first-come within a tenant, within the instance-wide and per-tenant
 * limits. A chat gives its permit back when its turn ends and asks again for its next one, so a chat
 * with a long queue cannot starve the others.
 */
@ApplicationScoped
public class TurnScheduler {

    private final int maxRunning;
    private final int maxRunningPerTenant;
    private final int maxPendingPerTenant;
    private final Map<String, ArrayDeque<ChatLane>> readyByTenant = new LinkedHashMap<>();
    private final Map<String, Integer> runningByTenant = new HashMap<>();
    private final Map<String, Integer> pendingByTenant = new HashMap<>();
    private int running;
    private int ready;

    public TurnScheduler(ChatConfig config, MeterRegistry registry) {
        this.maxRunning = config.scheduling().maxRunningTurns();
        this.maxRunningPerTenant = config.scheduling().maxRunningTurnsPerTenant();
        this.maxPendingPerTenant = config.scheduling().maxPendingTurnsPerTenant();
        Gauge.builder("switchboard.chat.turns.running", this, TurnScheduler::running)
                .description("Turns running on this instance").register(registry);
        Gauge.builder("switchboard.chat.turns.waiting_for_slot", this, TurnScheduler::ready)
                .description("Chats whose next turn waits for a free slot").register(registry);
    }

    /** Counts a new turn against its tenant's limit; false when the tenant already has too many pending. */
    public synchronized boolean admit(String tenantId) {
        int pending = pendingByTenant.getOrDefault(tenantId, 0);
        if (pending >= maxPendingPerTenant) {
            return false;
        }
        pendingByTenant.put(tenantId, pending + 1);
        return true;
    }

    /** Counts a turn that was accepted before, as after a restart, whatever the limit. */
    public synchronized void readmit(String tenantId) {
        pendingByTenant.merge(tenantId, 1, Integer::sum);
    }

    /** A turn counted by {@link #admit} or {@link #readmit} has ended or left the queue. */
    public synchronized void settle(String tenantId) {
        pendingByTenant.computeIfPresent(tenantId, (tenant, pending) -> pending <= 1 ? null : pending - 1);
    }

    /** The lane wants to start its next turn; it is told through {@link ChatLane#permitGranted()}. */
    public void request(ChatLane lane) {
        List<ChatLane> granted;
        synchronized (this) {
            readyByTenant.computeIfAbsent(lane.tenantId(), tenant -> new ArrayDeque<>()).addLast(lane);
            ready++;
            granted = grant();
        }
        granted.forEach(ChatLane::permitGranted);
    }

    /** Gives back a permit the lane was granted. */
    public void release(ChatLane lane) {
        List<ChatLane> granted;
        synchronized (this) {
            running--;
            runningByTenant.computeIfPresent(lane.tenantId(), (tenant, count) -> count <= 1 ? null : count - 1);
            granted = grant();
        }
        granted.forEach(ChatLane::permitGranted);
    }

    /** Drops a request that was not granted yet; true when there was one. */
    public synchronized boolean withdraw(ChatLane lane) {
        ArrayDeque<ChatLane> lanes = readyByTenant.get(lane.tenantId());
        if (lanes != null && lanes.remove(lane)) {
            ready--;
            if (lanes.isEmpty()) {
                readyByTenant.remove(lane.tenantId());
            }
            return true;
        }
        return false;
    }

    synchronized int running() {
        return running;
    }

    synchronized int ready() {
        return ready;
    }

    private List<ChatLane> grant() {
        List<ChatLane> granted = new ArrayList<>();
        while (running < maxRunning) {
            ChatLane next = null;
            String tenant = null;
            ArrayDeque<ChatLane> lanes = null;
            for (Iterator<Map.Entry<String, ArrayDeque<ChatLane>>> it = readyByTenant.entrySet().iterator();
                    it.hasNext();) {
                Map.Entry<String, ArrayDeque<ChatLane>> entry = it.next();
                if (runningByTenant.getOrDefault(entry.getKey(), 0) >= maxRunningPerTenant) {
                    continue;
                }
                tenant = entry.getKey();
                lanes = entry.getValue();
                next = lanes.pollFirst();
                it.remove();
                break;
            }
            if (next == null) {
                break;
            }
            // The tenant just served goes to the back of the round.
            if (!lanes.isEmpty()) {
                readyByTenant.put(tenant, lanes);
            }
            ready--;
            running++;
            runningByTenant.merge(tenant, 1, Integer::sum);
            granted.add(next);
        }
        return granted;
    }
}
