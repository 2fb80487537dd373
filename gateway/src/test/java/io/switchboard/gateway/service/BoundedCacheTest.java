package io.switchboard.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BoundedCacheTest {

    @Test
    void forgetsTheLeastRecentlyUsedEntryBeyondItsSize() {
        BoundedCache<String, Integer> cache = new BoundedCache<>(2);
        cache.put("a", 1);
        cache.put("b", 2);
        assertThat(cache.get("a")).isEqualTo(1);

        cache.put("c", 3);

        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.get("b")).as("used least recently").isNull();
        assertThat(cache.get("a")).isEqualTo(1);
        cache.putIfAbsent("a", 9);
        assertThat(cache.get("a")).isEqualTo(1);
    }
}
