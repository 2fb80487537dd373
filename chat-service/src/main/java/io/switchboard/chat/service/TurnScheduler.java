package io.switchboard.chat.service;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.chat.config.ChatConfig;

/**
 * Shares this instance's turn slots fairly. A chat with a turn to start asks for a permit; permits go out
 * round-robin across tenants and first-come within a tenant, within the instance-wide and per-tenant
 * limits. A chat gives its permit back when its turn ends and asks again for its next one, so a chat
 * with a long queue cannot starve the others. A stopping instance drains: it grants nothing more and waits
 * for the permits that are out.
 */
@ApplicationScoped
public class TurnScheduler {

    private final int maxRunning;
    private final int maxRunningPerTenant;
    private final int maxPendingPerTenant;
    private final Map<String, ArrayDeque<Claim>> readyByTenant = new LinkedHashMap<>();
    private final Map<String, Integer> runningByTenant = new HashMap<>();
    private final Map<String, Integer> pendingByTenant = new HashMap<>();
    private int running;
    private int ready;
    private boolean draining;

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
        request(lane, lane.tenantId(), lane::permitGranted);
    }

    /** Asks for a permit on behalf of {@code owner}; {@code onGranted} runs once it is granted, outside the lock. */
    void request(Object owner, String tenantId, Runnable onGranted) {
        List<Claim> granted;
        synchronized (this) {
            readyByTenant.computeIfAbsent(tenantId, tenant -> new ArrayDeque<>()).addLast(new Claim(owner, onGranted));
            ready++;
            granted = grant();
        }
        granted.forEach(claim -> claim.onGranted().run());
    }

    /** Gives back a permit the lane was granted. */
    public void release(ChatLane lane) {
        release(lane.tenantId());
    }

    /** Gives back a permit granted to a claim of the tenant. */
    void release(String tenantId) {
        List<Claim> granted;
        synchronized (this) {
            running--;
            runningByTenant.computeIfPresent(tenantId, (tenant, count) -> count <= 1 ? null : count - 1);
            granted = grant();
            if (running == 0) {
                notifyAll();
            }
        }
        granted.forEach(claim -> claim.onGranted().run());
    }

    /** Drops a request that was not granted yet; true when there was one. */
    public boolean withdraw(ChatLane lane) {
        return withdraw(lane, lane.tenantId());
    }

    synchronized boolean withdraw(Object owner, String tenantId) {
        ArrayDeque<Claim> claims = readyByTenant.get(tenantId);
        if (claims != null && claims.removeIf(claim -> claim.owner() == owner)) {
            ready--;
            if (claims.isEmpty()) {
                readyByTenant.remove(tenantId);
            }
            return true;
        }
        return false;
    }

    /**
     * The instance is stopping: from now on no permit is granted, so queued turns stay queued for the instance
     * that takes the chats over, while running ones may still finish. Returns how many permits are out.
     */
    public synchronized int stopGranting() {
        draining = true;
        return running;
    }

    /**
     * Blocks until every permit is back or the timeout has passed; returns how many are still out. Only for a
     * thread that may block (the shutdown's), never an event loop: permits come back from event loops.
     */
    public synchronized int awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (running > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return running;
    }

    public synchronized int running() {
        return running;
    }

    synchronized int ready() {
        return ready;
    }

    private List<Claim> grant() {
        List<Claim> granted = new ArrayList<>();
        while (!draining && running < maxRunning) {
            Claim next = null;
            String tenant = null;
            ArrayDeque<Claim> claims = null;
            for (Iterator<Map.Entry<String, ArrayDeque<Claim>>> it = readyByTenant.entrySet().iterator();
                    it.hasNext();) {
                Map.Entry<String, ArrayDeque<Claim>> entry = it.next();
                if (runningByTenant.getOrDefault(entry.getKey(), 0) >= maxRunningPerTenant) {
                    continue;
                }
                tenant = entry.getKey();
                claims = entry.getValue();
                next = claims.pollFirst();
                it.remove();
                break;
            }
            if (next == null) {
                break;
            }
            // The tenant just served goes to the back of the round.
            if (!claims.isEmpty()) {
                readyByTenant.put(tenant, claims);
            }
            ready--;
            running++;
            runningByTenant.merge(tenant, 1, Integer::sum);
            granted.add(next);
        }
        return granted;
    }

    /** A request for a permit: {@code owner} (a lane) identifies it, {@code onGranted} tells the owner. */
    private record Claim(Object owner, Runnable onGranted) {
    }
}
