package io.switchboard.kit.messaging;

import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.switchboard.events.Envelope;

/** Every record we produce is keyed by its chatId: this is the one place that does it. */
public final class KeyedMessages {

    private KeyedMessages() {
    }

    public static Message<Envelope> keyedByChat(Envelope envelope) {
        return Message.of(envelope).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(envelope.chatId())
                .build());
    }

    /** Keyed by chatId, with these headers (a trace context, say). */
    public static Message<Envelope> keyedByChat(Envelope envelope, Headers headers) {
        return Message.of(envelope).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(envelope.chatId())
                .withHeaders(headers)
                .build());
    }
}
