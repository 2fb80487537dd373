package io.switchboard.gateway.service;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiPredicate;

/** A map that forgets its least recently used entries beyond a size: for caches that must not grow forever. */
final class BoundedCache<K, V> {

    private final Map<K, V> entries;

    BoundedCache(int maxSize) {
        this.entries = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > maxSize;
            }
        };
    }

    synchronized V get(K key) {
        return entries.get(key);
    }

    synchronized void put(K key, V value) {
        entries.put(key, value);
    }

    /** Puts the value unless the one there is to be kept: {@code keepCurrent(current, value)} says so. */
    synchronized void putUnlessNewer(K key, V value, BiPredicate<V, V> keepCurrent) {
        V current = entries.get(key);
        if (current == null || !keepCurrent.test(current, value)) {
            entries.put(key, value);
        }
    }

    synchronized void putIfAbsent(K key, V value) {
        entries.putIfAbsent(key, value);
    }

    synchronized int size() {
        return entries.size();
    }
}
