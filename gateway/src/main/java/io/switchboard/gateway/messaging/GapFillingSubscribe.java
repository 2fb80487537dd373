package io.switchboard.gateway.messaging;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.gateway.fanout.ChatFanout;
import io.switchboard.gateway.fanout.EventStream;
import io.switchboard.gateway.fanout.FrameSink;
import io.switchboard.gateway.fanout.PassedOverChats;
import io.switchboard.gateway.fanout.SubscribeHold;
import io.switchboard.gateway.fanout.Subscription;

/**
 * Subscribes a socket to a chat, first reading back from Kafka what this gateway passed over while nobody here
 * followed the chat, so the subscriber is replayed as if every event had been kept. A chat with nothing passed
 * over is subscribed at once; a read that fails or stops short leaves holes, which the subscriber learns of as
 * resync frames, exactly as when retention was dropped.
 */
@ApplicationScoped
public class GapFillingSubscribe {

    private final ChatFanout fanout;
    private final KafkaGapReader reader;

    public GapFillingSubscribe(ChatFanout fanout, KafkaGapReader reader) {
        this.fanout = fanout;
        this.reader = reader;
    }

    public Uni<Subscription> subscribe(String chatId, FrameSink sink, Map<EventStream, Long> afterSeqs) {
        SubscribeHold hold = fanout.hold(chatId);
        PassedOverChats.Gap gap = hold.gap();
        if (gap == null) {
            try {
                return Uni.createFrom().item(fanout.subscribe(chatId, sink, afterSeqs));
            } finally {
                hold.release();
            }
        }
        return reader.read(chatId, gap)
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("chatId=%s could not read back passed-over events from partition %d offset %d: %s",
                            chatId, gap.partition(), gap.offset(), failure.toString());
                    return new KafkaGapReader.GapRead(List.of(), false, gap.offset());
                })
                .map(read -> {
                    fanout.fillIn(hold, read.events());
                    if (!read.complete()) {
                        fanout.stillPassedOver(chatId, gap.partition(), read.next());
                    }
                    return fanout.subscribe(chatId, sink, afterSeqs);
                })
                .eventually(hold::release);
    }
}
