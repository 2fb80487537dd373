package io.switchboard.events.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import io.switchboard.events.EventType;

/**
 * The record header that names an envelope's event type ({@code switchboard.type}: the wire name, as in the
 * envelope's {@code type} field). {@link EnvelopeSerializer} writes it from the payload on every record, so it
 * says what the value says; a record without it (from a producer that does not write it) is simply read.
 */
public final class EventTypeHeader {

    public static final String NAME = "switchboard.type";

    private EventTypeHeader() {
    }

    /** The type the record's header names, or null when it names none. */
    public static String of(Headers headers) {
        Header header = headers == null ? null : headers.lastHeader(NAME);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /**
     * The event types a comma-separated list names (blanks around names are ignored).
     *
     * @throws IllegalArgumentException naming every entry that is no event type, so a typo fails the start
     */
    public static Set<String> parseList(String list) {
        if (list == null || list.isBlank()) {
            return Set.of();
        }
        Set<String> names = Arrays.stream(list.split(",")).map(String::trim).filter(name -> !name.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        Collection<String> unknown = names.stream().filter(name -> EventType.byWireName(name).isEmpty())
                .sorted().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Not event types: " + unknown);
        }
        return names;
    }
}
