package io.switchboard.chat.service;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.chat.config.ChatConfig;
import io.switchboard.chat.llm.ChatMessage;
import io.switchboard.chat.llm.ModelDescription;
import io.switchboard.chat.model.Turn;
import io.switchboard.chat.repository.ChatOriginRepository;
import io.switchboard.chat.repository.TurnRepository;

/**
 * Builds what a model sees for a turn: the system prompt, then this chat's own earlier exchanges, newest
 * kept first when they do not all fit the model's context window, then the turn's message. A copied chat (a fork
 * at a turn, a duplicate) continues the conversation it was copied from: when the window has room left, the
 * source's exchanges up to the copied turn come before the chat's own, following copies of copies.
 */
@ApplicationScoped
public class ContextBuilder {

    private static final int MAX_HISTORY_TURNS = 200;
    /** Copies of copies followed at most: a longer chain is a pathological one, not a conversation. */
    private static final int MAX_ORIGINS = 8;

    private final TurnRepository turns;
    private final ChatOriginRepository origins;
    private final ChatConfig.Turns config;

    public ContextBuilder(TurnRepository turns, ChatOriginRepository origins, ChatConfig config) {
        this.turns = turns;
        this.origins = origins;
        this.config = config.turns();
    }

    public Uni<List<ChatMessage>> build(Turn turn, ModelDescription model) {
        long budget = model.contextWindowTokens() - config.answerReserveTokens()
                - estimateTokens(config.systemPrompt()) - estimateTokens(turn.text());
        History history = new History(budget);
        return turns.answeredNewestFirst(turn.tenantId(), turn.chatId(), MAX_HISTORY_TURNS)
                .chain(own -> history.addNewestFirst(own) ? inherited(turn.tenantId(), turn.chatId(), history, 0)
                        : Uni.createFrom().voidItem())
                .map(done -> {
                    List<ChatMessage> messages = new ArrayList<>();
                    messages.add(new ChatMessage.System(config.systemPrompt()));
                    messages.addAll(history.messages());
                    messages.add(new ChatMessage.User(turn.text()));
                    return messages;
                });
    }

    /** The history the chat was copied from, if it is a copy, before what the history holds. */
    private Uni<Void> inherited(String tenantId, String chatId, History history, int depth) {
        if (depth >= MAX_ORIGINS) {
            return Uni.createFrom().voidItem();
        }
        return origins.find(tenantId, chatId).chain(origin -> origin == null ? Uni.createFrom().voidItem()
                : upTo(tenantId, origin.sourceChatId(), origin.sourceTurnId(), history, depth + 1));
    }

    /**
     * The source's exchanges up to the turn, then what the source was copied from. A turn the source had itself
     * copied (not one of its own) is looked for in the source's origin instead.
     */
    private Uni<Void> upTo(String tenantId, String sourceChatId, UUID turnId, History history, int depth) {
        return turns.answeredUpTo(tenantId, sourceChatId, turnId, MAX_HISTORY_TURNS).chain(answered -> {
            if (answered.isPresent()) {
                return history.addNewestFirst(answered.get()) ? inherited(tenantId, sourceChatId, history, depth)
                        : Uni.createFrom().voidItem();
            }
            if (depth >= MAX_ORIGINS) {
                return Uni.createFrom().voidItem();
            }
            return origins.find(tenantId, sourceChatId).chain(origin -> origin == null ? Uni.createFrom().voidItem()
                    : upTo(tenantId, origin.sourceChatId(), turnId, history, depth + 1));
        });
    }

    /** About four characters per token: close enough to keep requests inside the window. */
    static long estimateTokens(String text) {
        return (text.length() + 3) / 4;
    }

    /** Earlier exchanges, oldest first, within a token budget filled from the newest back. */
    private static final class History {

        private final List<ChatMessage> messages = new ArrayList<>();
        private long budget;

        History(long budget) {
            this.budget = budget;
        }

        /** Puts older exchanges before those held; false once the budget is spent. */
        boolean addNewestFirst(List<TurnRepository.AnsweredTurn> exchanges) {
            List<ChatMessage> older = new ArrayList<>();
            boolean room = true;
            for (TurnRepository.AnsweredTurn exchange : exchanges) {
                long cost = estimateTokens(exchange.question()) + estimateTokens(exchange.answer());
                if (cost > budget) {
                    room = false;
                    break;
                }
                budget -= cost;
                older.add(0, new ChatMessage.Assistant(exchange.answer(), List.of()));
                older.add(0, new ChatMessage.User(exchange.question()));
            }
            messages.addAll(0, older);
            return room;
        }

        List<ChatMessage> messages() {
            return messages;
        }
    }
}
