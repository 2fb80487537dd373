package io.switchboard.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class ChatIdsTest {

    @Test
    void acceptsOnlyCanonicalUuids() {
        assertThat(ChatIds.isValid(UUID.randomUUID().toString())).isTrue();
        assertThat(ChatIds.isValid(null)).isFalse();
        assertThat(ChatIds.isValid("")).isFalse();
        assertThat(ChatIds.isValid("1-1-1-1-1")).isFalse();
        assertThat(ChatIds.isValid("zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz")).isFalse();
    }
}
