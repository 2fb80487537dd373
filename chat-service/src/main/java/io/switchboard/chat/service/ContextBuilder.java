package io.switchboard.chat.service;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.chat.config.ChatConfig;
import io.switchboard.chat.llm.ChatMessage;
import io.switchboard.chat.llm.ModelDescription;
import io.switchboard.chat.model.Turn;
import io.switchboard.chat.repository.TurnRepository;

/**
 * Builds what a model sees for a turn: the system prompt, then this chat's own earlier exchanges, newest
 * kept first when they do not all fit the model's context window, then the turn's message.
 */
@ApplicationScoped
public class ContextBuilder {

    private static final int MAX_HISTORY_TURNS = 200;

    private final TurnRepository turns;
    private final ChatConfig.Turns config;

    public ContextBuilder(TurnRepository turns, ChatConfig config) {
        this.turns = turns;
        this.config = config.turns();
    }

    public Uni<List<ChatMessage>> build(Turn turn, ModelDescription model) {
        return turns.answeredNewestFirst(turn.chatId(), MAX_HISTORY_TURNS).map(history -> {
            long budget = model.contextWindowTokens() - config.answerReserveTokens()
                    - estimateTokens(config.systemPrompt()) - estimateTokens(turn.text());
            List<ChatMessage> earlier = new ArrayList<>();
            for (TurnRepository.AnsweredTurn exchange : history) {
                long cost = estimateTokens(exchange.question()) + estimateTokens(exchange.answer());
                if (cost > budget) {
                    break;
                }
                budget -= cost;
                earlier.add(0, new ChatMessage.Assistant(exchange.answer(), List.of()));
                earlier.add(0, new ChatMessage.User(exchange.question()));
            }
            List<ChatMessage> messages = new ArrayList<>();
            messages.add(new ChatMessage.System(config.systemPrompt()));
            messages.addAll(earlier);
            messages.add(new ChatMessage.User(turn.text()));
            return messages;
        });
    }

    /** About four characters per token: close enough to keep requests inside the window. */
    static long estimateTokens(String text) {
        return (text.length() + 3) / 4;
    }
}
