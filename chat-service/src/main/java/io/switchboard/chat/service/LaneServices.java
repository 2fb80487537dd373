package io.switchboard.chat.service;

import jakarta.inject.Singleton;

import io.switchboard.chat.config.ChatConfig;
import io.switchboard.chat.metrics.TurnMetrics;
import io.switchboard.chat.repository.ChatStreamRepository;
import io.switchboard.chat.repository.TurnRepository;
import io.switchboard.chat.tools.AgentToolbox;
import io.switchboard.chat.tracing.TurnTraces;

/**
 * What every chat lane works with; one bean so lanes, which are not beans, get them in one piece. A singleton,
 * not a client proxy, because lanes read its fields directly.
 */
@Singleton
public class LaneServices {

    final ChatEventPublisher publisher;
    final TurnRepository turns;
    final ChatStreamRepository streams;
    final TurnScheduler scheduler;
    final TurnRunner runner;
    final AgentToolbox toolbox;
    final ChatConfig config;
    final LaneContexts contexts;
    final TurnMetrics metrics;
    final TurnTraces traces;

    public LaneServices(ChatEventPublisher publisher, TurnRepository turns, ChatStreamRepository streams,
            TurnScheduler scheduler, TurnRunner runner, AgentToolbox toolbox, ChatConfig config,
            LaneContexts contexts, TurnMetrics metrics, TurnTraces traces) {
        this.publisher = publisher;
        this.turns = turns;
        this.streams = streams;
        this.scheduler = scheduler;
        this.runner = runner;
        this.toolbox = toolbox;
        this.config = config;
        this.contexts = contexts;
        this.metrics = metrics;
        this.traces = traces;
    }
}
