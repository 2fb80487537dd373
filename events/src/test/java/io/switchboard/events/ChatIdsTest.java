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

    @Test
    void upperCaseIsRefusedInRecordsButNormalisedFromClients() {
        String chatId = UUID.randomUUID().toString();
        assertThat(ChatIds.isValid(chatId.toUpperCase())).isFalse();
        assertThat(ChatIds.normalise(chatId.toUpperCase())).isEqualTo(chatId);
        assertThat(ChatIds.normalise("not-a-uuid")).isNull();
        assertThat(ChatIds.normalise(null)).isNull();
    }
}
