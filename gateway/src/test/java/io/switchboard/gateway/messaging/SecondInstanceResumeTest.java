package io.switchboard.gateway.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.quarkus.websockets.next.WebSocketClientConnection;
import io.switchboard.events.Envelope;
import io.switchboard.events.EventPayload;
import io.switchboard.events.Topics;
import io.switchboard.events.chat.TextDelta;
import io.switchboard.events.chat.TokenUsage;
import io.switchboard.events.chat.TurnCompleted;
import io.switchboard.events.chat.TurnQueued;
import io.switchboard.events.chat.TurnStarted;
import io.switchboard.events.json.EventJson;
import io.switchboard.events.kafka.EnvelopeDeserializer;
import io.switchboard.gateway.GatewayFixtures;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.gateway.config.WsConfig;
import io.switchboard.gateway.fanout.ChatFanout;
import io.switchboard.gateway.fanout.EventStream;
import io.switchboard.gateway.inbox.AttentionNotifier;
import io.switchboard.gateway.inbox.InboxRegistry;
import io.switchboard.gateway.service.ChatDirectory;
import io.switchboard.gateway.service.ProjectRoles;
import io.switchboard.gateway.sidebar.ProjectSidebars;
import io.switchboard.gateway.sidebar.SidebarLoader;
import io.switchboard.gateway.tracing.FanoutTraces;
import io.switchboard.gateway.ws.ChatSubscriptions;
import io.switchboard.gateway.ws.MembershipRevocations;
import io.switchboard.gateway.ws.ProjectSubscriptions;
import io.switchboard.gateway.ws.SocketMetrics;
import io.switchboard.gateway.ws.SocketRegistry;
import io.switchboard.infra.kafka.KafkaClassLoading;
import io.switchboard.kit.consumer.ConsumerFailurePolicy;
import io.switchboard.kit.messaging.KafkaClientSettings;
import io.switchboard.testing.SwitchboardInfrastructureResource;
import io.switchboard.testing.TestInfrastructure;
import io.switchboard.testing.TestTokens;
import io.switchboard.testing.kafka.RawProducer;

/**
 * "No gap across gateway instances": a client follows a chat on this gateway (the running Quarkus
 * application), drops mid-turn and resumes with its last seq on a second instance that starts only
 * then. A second Quarkus application cannot run in this JVM, so the second instance is built from the
 * same classes the application wires together: its own {@link ChatFanout}, an {@link EventFeedConsumer}
 * fed by a real Kafka consumer in a fresh consumer group, positioned by the same
 * {@link ReplayWindowRebalanceListener}, with the application's own configuration and failure policy. What
 * it leaves out is the socket, which {@code SocketResumeTest} covers on one instance.
 */
@QuarkusTest
@WithTestResource(SwitchboardInfrastructureResource.class)
class SecondInstanceResumeTest {

    private static final String TENANT = "tenant-x";

    @TestHTTPResource("/")
    URI base;

    @Inject
    GatewayConfig gatewayConfig;

    @Inject
    WsConfig wsConfig;

    @Inject
    ConsumerFailurePolicy policy;

    private final AtomicBoolean awaitingAnswer = new AtomicBoolean();

    @Test
    void aClientResumingOnAFreshInstanceGetsExactlyTheEventsItMissedThenLiveOnes() throws Exception {
        try (RawProducer producer = RawProducer.create()) {
            String chatId = GatewayFixtures.announceChat(producer, TENANT, "xena", "offline");
            UUID turn = UUID.randomUUID();
            int streamedBeforeMove = 150;
            int total = 240;
            List<Long> firstInstance = new CopyOnWriteArrayList<>();
            AtomicBoolean subscribed = new AtomicBoolean();
            WebSocketClientConnection socket = connect(firstInstance, subscribed, chatId);
            subscribeWhenKnown(socket, subscribed, chatId);

            CompletableFuture<Void> streaming = CompletableFuture.runAsync(
                    () -> publish(producer, chatId, turn, 1, streamedBeforeMove, total));
            await().atMost(Duration.ofSeconds(20)).until(() -> firstInstance.size() >= 40);
            socket.closeAndAwait();
            // A frame already in flight may still be handed over after the close: the client resumes from
            // what it holds at this point, like a real client would.
            List<Long> received = List.copyOf(firstInstance);
            long lastSeq = received.get(received.size() - 1);

            try (SecondInstance second = SecondInstance.start(gatewayConfig, wsConfig, policy)) {
                // One client resumes before the new instance has read anything back...
                List<String> early = new CopyOnWriteArrayList<>();
                second.fanout.subscribe(chatId, early::add, Map.of(EventStream.CHAT, lastSeq));
                // ...another once it holds the chat's events, which it replays from its retention.
                List<String> probe = new CopyOnWriteArrayList<>();
                second.fanout.subscribe(chatId, probe::add, Map.of(EventStream.CHAT, 0L));
                streaming.join();
                await().atMost(Duration.ofSeconds(30)).until(() -> seqs(probe).size() >= streamedBeforeMove);
                List<String> late = new CopyOnWriteArrayList<>();
                second.fanout.subscribe(chatId, late::add, Map.of(EventStream.CHAT, lastSeq));
                // The turn streams on, live, to both.
                publish(producer, chatId, turn, streamedBeforeMove + 1, total, total);

                List<Long> expected = LongStream.rangeClosed(lastSeq + 1, total).boxed().toList();
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> seqs(early).size() >= expected.size() && seqs(late).size() >= expected.size());
                assertThat(lastSeq).as("dropped mid-turn").isLessThan(streamedBeforeMove);
                assertThat(received).containsExactlyElementsOf(LongStream.rangeClosed(1, lastSeq).boxed().toList());
                assertThat(seqs(early)).containsExactlyElementsOf(expected);
                assertThat(seqs(late)).containsExactlyElementsOf(expected);
                assertThat(types(early)).doesNotContain("resync");
                assertThat(types(late)).doesNotContain("resync");
            }
        }
    }

    private static void publish(RawProducer producer, String chatId, UUID turn, long from, long to, int total) {
        for (long seq = from; seq <= to; seq++) {
            GatewayFixtures.publish(producer, Topics.CHAT_EVENTS,
                    GatewayFixtures.chatEvent(chatId, TENANT, seq, turn, event(seq, total, turn)));
        }
    }

    private WebSocketClientConnection connect(List<Long> seqs, AtomicBoolean subscribed, String chatId) {
        return BasicWebSocketConnector.create()
                .baseUri(base)
                .path("/ws")
                .addHeader("Authorization", "Bearer " + TestTokens.bearer(TENANT, "xena"))
                .executionModel(BasicWebSocketConnector.ExecutionModel.NON_BLOCKING)
                .onTextMessage((connection, text) -> {
                    JsonNode frame = read(text);
                    if (frame.path("type").asText().equals("event") && frame.at("/event/chatId").asText().equals(chatId)) {
                        seqs.add(frame.at("/event/seq").asLong());
                    } else if (frame.path("type").asText().equals("subscribed")) {
                        subscribed.set(true);
                    } else if (frame.path("type").asText().equals("error")) {
                        awaitingAnswer.set(false);
                    }
                })
                .connectAndAwait();
    }

    /**
     * The gateway answers not_found until it has read the chat's ChatCreated. A subscribe is sent again only
     * once the previous one was refused: a second subscribe that succeeds replays from afterSeq 0 again, which a
     * slow answer on a loaded machine would otherwise turn into a duplicate seq 1 on this client.
     */
    private void subscribeWhenKnown(WebSocketClientConnection socket, AtomicBoolean subscribed, String chatId) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!subscribed.get() && awaitingAnswer.compareAndSet(false, true)) {
                socket.sendTextAndAwait("{\"type\":\"subscribe\",\"chatId\":\"" + chatId + "\",\"afterSeq\":0}");
            }
            return subscribed.get();
        });
    }

    private static EventPayload event(long seq, int total, UUID turn) {
        if (seq == 1) {
            return new TurnQueued("m-" + turn, "xena", "go on", "offline", 0);
        }
        if (seq == 2) {
            return new TurnStarted("offline");
        }
        return seq == total ? new TurnCompleted("done", new TokenUsage(1, 1)) : new TextDelta("w" + seq + " ");
    }

    private static List<Long> seqs(List<String> frames) {
        return frames.stream().map(SecondInstanceResumeTest::read).filter(f -> f.path("type").asText().equals("event"))
                .map(f -> f.at("/event/seq").asLong()).toList();
    }

    private static List<String> types(List<String> frames) {
        return frames.stream().map(SecondInstanceResumeTest::read).map(f -> f.path("type").asText()).toList();
    }

    private static JsonNode read(String frame) {
        try {
            return EventJson.mapper().readTree(frame);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A second gateway's fan-out path, fed from Kafka under a consumer group of its own. */
    private static final class SecondInstance implements AutoCloseable {

        final ChatFanout fanout;
        private final KafkaGapReader gapReader;
        private final KafkaConsumer<String, Envelope> consumer;
        private final Thread poller;
        private volatile boolean running = true;

        private SecondInstance(GatewayConfig gatewayConfig, WsConfig wsConfig, ConsumerFailurePolicy policy) {
            fanout = new ChatFanout(gatewayConfig);
            ChatDirectory directory = new ChatDirectory(null, new ProjectRoles(null, gatewayConfig));
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            SocketMetrics socketMetrics = new SocketMetrics(meters);
            gapReader = new KafkaGapReader(new KafkaClientSettings(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.bootstrapServers())),
                    policy, gatewayConfig, meters);
            ProjectSidebars sidebars = new ProjectSidebars(new SidebarLoader(null, wsConfig), wsConfig);
            EventFeedConsumer feed = new EventFeedConsumer(policy, fanout, directory,
                    new AttentionNotifier(directory, new InboxRegistry(), wsConfig),
                    new MembershipRevocations(new SocketRegistry(wsConfig, socketMetrics), directory,
                            new ChatSubscriptions(directory, fanout, new GapFillingSubscribe(fanout, gapReader),
                                    wsConfig, socketMetrics),
                            new ProjectSubscriptions(sidebars, wsConfig), sidebars),
                    sidebars, meters, new FanoutTraces(OpenTelemetry.noop()), gatewayConfig);
            ReplayWindowRebalanceListener replayWindow = new ReplayWindowRebalanceListener(gatewayConfig);
            consumer = KafkaClassLoading.create(() -> new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "gateway-second-" + UUID.randomUUID() + "-chat",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                    new StringDeserializer(), new EnvelopeDeserializer()));
            consumer.subscribe(List.of(Topics.CHAT_EVENTS), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    replayWindow.onPartitionsAssigned(consumer, partitions);
                }

                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                }
            });
            poller = new Thread(() -> {
                try {
                    while (running) {
                        ConsumerRecords<String, Envelope> records = consumer.poll(Duration.ofMillis(100));
                        feed.deliver(EventStream.CHAT, records);
                    }
                } catch (WakeupException e) {
                    // closing
                } finally {
                    consumer.close();
                }
            }, "second-gateway-chat-events");
        }

        static SecondInstance start(GatewayConfig gatewayConfig, WsConfig wsConfig, ConsumerFailurePolicy policy) {
            SecondInstance instance = new SecondInstance(gatewayConfig, wsConfig, policy);
            instance.poller.start();
            return instance;
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            consumer.wakeup();
            poller.join(10_000);
            gapReader.close();
        }
    }
}
