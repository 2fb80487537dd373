package io.switchboard.gateway.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.switchboard.events.Envelope;
import io.switchboard.events.kafka.ChatKeyGuard;
import io.switchboard.events.lifecycle.ProjectMemberChanged;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.gateway.fanout.ChatFanout;
import io.switchboard.gateway.fanout.EventStream;
import io.switchboard.gateway.inbox.AttentionNotifier;
import io.switchboard.gateway.service.ChatDirectory;
import io.switchboard.gateway.sidebar.ProjectSidebars;
import io.switchboard.gateway.tracing.FanoutTraces;
import io.switchboard.gateway.ws.MembershipRevocations;
import io.switchboard.kit.consumer.ConsumerFailurePolicy;

/**
 * Feeds the three event topics into the fan-out. Every gateway instance reads every record (its own
 * consumer group), because any instance may hold a subscriber of any chat. Records arrive a poll at a
 * time: handing them over one by one queued them for up to a second under load (see docs/benchmarks.md).
 * <p>
 * No record stops the feed ({@link ConsumerFailurePolicy}): one the guard refuses is counted and
 * dead-lettered, one whose handling fails is dead-lettered, and the next record is handled either way.
 * Nothing is retried and the dead-letter copies are written in the background, because this thread must
 * never wait. Every instance reads every record, and again from the replay window after a start, so the
 * same record may be dead-lettered more than once; the copies name its partition and offset.
 */
@ApplicationScoped
public class EventFeedConsumer {

    public static final String PASSED_OVER_METRIC = "switchboard.gateway.records.passed.over";

    /** Anything older is a producer's clock gone wrong, not lag, and too long for the timer to take. */
    private static final Duration MAX_MEASURED_LAG = Duration.ofDays(365);

    private final ConsumerFailurePolicy policy;
    private final ChatFanout fanout;
    private final ChatDirectory directory;
    private final AttentionNotifier attention;
    private final MembershipRevocations revocations;
    private final ProjectSidebars sidebars;
    private final FanoutTraces traces;
    private final Map<EventStream, Timer> consumeLag = new EnumMap<>(EventStream.class);
    private final boolean followOnly;
    private final Counter passedOver;

    public EventFeedConsumer(ConsumerFailurePolicy policy, ChatFanout fanout, ChatDirectory directory,
            AttentionNotifier attention, MembershipRevocations revocations, ProjectSidebars sidebars,
            MeterRegistry registry, FanoutTraces traces, GatewayConfig config) {
        this.policy = policy;
        this.followOnly = config.followOnly();
        this.passedOver = Counter.builder(PASSED_OVER_METRIC)
                .description("Chat events passed over unread because no socket of this gateway follows their chat")
                .register(registry);
        this.traces = traces;
        this.sidebars = sidebars;
        this.revocations = revocations;
        this.fanout = fanout;
        this.directory = directory;
        this.attention = attention;
        for (EventStream stream : EventStream.values()) {
            consumeLag.put(stream, Timer.builder("switchboard.gateway.consume.lag")
                    .description("From the producer creating an event to this gateway consuming it")
                    .tag("stream", stream.wireName())
                    .publishPercentiles(0.5, 0.99)
                    .register(registry));
        }
    }

    /**
     * Consumed as bytes: with {@code follow-only} on, a record of a chat no socket here follows is passed over on
     * its key and type header alone, unless it is a turn boundary ({@link ChatEventRecords#ALWAYS_READ}); a later
     * subscriber gets it read back from Kafka ({@link GapFillingSubscribe}).
     */
    @Incoming("chat-events")
    public void chatEvents(ConsumerRecords<String, byte[]> records) {
        for (ConsumerRecord<String, byte[]> record : records) {
            if (followOnly && ChatEventRecords.mayPassOver(record)
                    && fanout.passOver(record.key(), record.partition(), record.offset())) {
                passedOver.increment();
                continue;
            }
            deliver(EventStream.CHAT, ChatEventRecords.read(record));
        }
    }

    @Incoming("workspace-events")
    public void workspaceEvents(ConsumerRecords<String, Envelope> records) {
        deliver(EventStream.WORKSPACE, records);
    }

    @Incoming("session-lifecycle")
    public void lifecycleEvents(ConsumerRecords<String, Envelope> records) {
        deliver(EventStream.LIFECYCLE, records);
    }

    /**
     * Hands each admitted record to the fan-out, which only queues frames on the subscribers' outbound
     * buffers: this thread never waits for a client. The inbox hears of each chat event once, even when a
     * rebalance makes the consumer read a record again.
     */
    public void deliver(EventStream stream, ConsumerRecords<String, Envelope> records) {
        for (ConsumerRecord<String, Envelope> record : records) {
            deliver(stream, record);
        }
    }

    private void deliver(EventStream stream, ConsumerRecord<String, Envelope> record) {
        if (ChatKeyGuard.rejection(record).isPresent()) {
            // The policy counts and logs it at once; its dead-letter copy is written in the background.
            policy.admit(record).subscribe().with(admitted -> { });
            return;
        }
        policy.handleNow(record, () -> traces.around(record, () -> handle(stream, record.value())));
    }

    private void handle(EventStream stream, Envelope event) {
        long consumedAt = System.nanoTime();
        recordLag(stream, event.at());
        if (stream == EventStream.LIFECYCLE) {
            directory.apply(event);
            if (event.payload() instanceof ProjectMemberChanged changed) {
                if (changed.role() == null) {
                    revocations.revoked(event.tenantId(), changed.userId(), changed.projectId());
                }
                // About a project, not a chat: no chat's subscribers are told who belongs to it.
                return;
            }
            sidebars.apply(event);
        }
        boolean fresh = fanout.publish(stream, event, consumedAt);
        if (fresh && stream == EventStream.CHAT) {
            attention.onChatEvent(event);
        }
    }

    /** The producer's clock decides nothing: an event stamped centuries off is delivered, just not measured. */
    private void recordLag(EventStream stream, Instant at) {
        Duration lag = Duration.between(at, Instant.now());
        if (!lag.isNegative() && lag.compareTo(MAX_MEASURED_LAG) <= 0) {
            consumeLag.get(stream).record(lag);
        }
    }
}
