package io.switchboard.bench;

import java.util.ArrayList;
import java.util.List;

import io.switchboard.events.EventPayload;

/** A {@link CommandChannel} that keeps what was sent, with a fake clock that advances 1 ms per command. */
final class RecordedCommands implements CommandChannel {

    record Sent(String chatId, String tenantId, EventPayload command, long nanos) {
    }

    private final List<Sent> sent = new ArrayList<>();
    private long clock = 1_000_000_000L;

    @Override
    public long send(String chatId, String tenantId, EventPayload command) {
        clock += 1_000_000L;
        sent.add(new Sent(chatId, tenantId, command, clock));
        return clock;
    }

    List<Sent> sent() {
        return sent;
    }

    Sent last() {
        return sent.get(sent.size() - 1);
    }
}
