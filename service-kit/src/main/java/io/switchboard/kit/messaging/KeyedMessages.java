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
        return keyedByChat(envelope, null);
    }

    /** Keyed by chatId, with these headers (a trace context, say); none when {@code headers} is null. */
    public static Message<Envelope> keyedByChat(Envelope envelope, Headers headers) {
        OutgoingKafkaRecordMetadata.OutgoingKafkaRecordMetadataBuilder<String> metadata =
                OutgoingKafkaRecordMetadata.<String>builder().withKey(envelope.chatId());
        if (headers != null) {
            metadata.withHeaders(headers);
        }
        return Message.of(envelope).addMetadata(metadata.build());
    }
}
