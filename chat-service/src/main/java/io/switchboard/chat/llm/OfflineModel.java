package io.switchboard.chat.llm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.switchboard.chat.config.ChatConfig;
import io.switchboard.events.chat.TokenUsage;

/**
 * The built-in model: no provider, no key, and the same answer for the same message every time, streamed
 * word by word at a configured rate. It makes the whole product usable offline and tests deterministic;
 * {@link OfflineDirectives} let a message make it call tools, fail or stall.
 */
@ApplicationScoped
public class OfflineModel implements ChatModel {

    public static final String NAME = "offline";

    private static final String[] VOCABULARY = {
        "switchboard", "streams", "every", "chat", "in", "its", "own", "lane", "while", "others", "keep",
        "talking", "kafka", "orders", "each", "conversation", "by", "key", "and", "nothing", "waits", "for",
        "anything", "else", "the", "answer", "arrives", "word", "after", "steadily", "branch", "commit"
    };

    /** Questions a /recall answer quotes at most. */
    static final int MAX_RECALLED = 20;

    private final ChatConfig.Offline config;

    public OfflineModel(ChatConfig config) {
        this.config = config.offline();
    }

    @Override
    public ModelDescription description() {
        return new ModelDescription(NAME, NAME, config.contextWindowTokens(), true);
    }

    @Override
    public Multi<ModelEvent> stream(ModelRequest request) {
        OfflineDirectives directives = OfflineDirectives.parse(request.lastUserText());
        long inputTokens = estimateTokens(request);
        int toolResults = toolResultsSinceLastUser(request.messages());
        if (toolResults < directives.tools().size()) {
            OfflineDirectives.ToolDirective tool = directives.tools().get(toolResults);
            return Multi.createFrom().items(
                    new ModelEvent.ToolCall("offline-call-" + (toolResults + 1), tool.name(), tool.argumentsJson()),
                    new ModelEvent.Finished(new TokenUsage(inputTokens, 1)));
        }
        if (directives.failure().isPresent() && directives.failAfterWords() == 0) {
            return Multi.createFrom().failure(
                    new ModelException(ModelException.MODEL_ERROR, directives.failure().get(), false));
        }
        // Directives come from users: every one is bounded, so no message can make an answer endless.
        int replyWords = Math.min(Math.max(0, directives.words().orElse(config.replyWords())), config.maxReplyWords());
        List<String> words = directives.recall() ? recall(request.messages()) : answer(directives.text(), replyWords);
        if (toolResults > 0) {
            words.addAll(2, List.of("(after", toolResults, "tool", toolResults == 1 ? "call)" : "calls)")
                    .stream().map(String::valueOf).toList());
        }
        int rate = Math.min(directives.rate().orElse(config.wordsPerSecond()), config.maxWordsPerSecond());
        Duration interval = Duration.ofNanos(1_000_000_000L / Math.max(1, rate));
        int limit = directives.failure().isPresent() ? Math.min(words.size(), directives.failAfterWords())
                : words.size();
        Multi<ModelEvent> text = Multi.createFrom().ticks().every(interval)
                .onOverflow().buffer(words.size())
                .select().first(limit)
                .map(tick -> {
                    int index = tick.intValue();
                    String word = index == words.size() - 1 ? words.get(index) : words.get(index) + " ";
                    return (ModelEvent) new ModelEvent.Text(word);
                });
        Multi<ModelEvent> ending = directives.failure().isPresent()
                ? Multi.createFrom().failure(
                        new ModelException(ModelException.MODEL_ERROR, directives.failure().get(), false))
                : Multi.createFrom().item(new ModelEvent.Finished(new TokenUsage(inputTokens, limit)));
        Multi<ModelEvent> answer = Multi.createBy().concatenating().streams(text, ending);
        if (directives.stallForever()) {
            return Multi.createFrom().nothing();
        }
        return directives.stall()
                .map(stall -> stall.compareTo(config.maxStall()) > 0 ? config.maxStall() : stall)
                .map(stall -> Multi.createFrom().ticks().startingAfter(stall).every(Duration.ofDays(1))
                        .select().first(1)
                        .onItem().transformToMultiAndConcatenate(tick -> answer))
                .orElse(answer);
    }

    /** The deterministic answer to a message: a preamble quoting it, then words chosen from its hash. */
    public static List<String> answer(String userText, int replyWords) {
        List<String> words = new ArrayList<>(List.of("Offline", "answer", "to"));
        String quoted = userText.strip().replaceAll("\\s+", " ");
        String[] quotedWords = quoted.isEmpty() ? new String[0] : quoted.split(" ");
        for (int i = 0; i < Math.min(6, quotedWords.length); i++) {
            words.add(i == 0 ? "\"" + quotedWords[i] : quotedWords[i]);
        }
        if (quotedWords.length > 0) {
            int last = words.size() - 1;
            words.set(last, words.get(last) + (quotedWords.length > 6 ? "...\":" : "\":"));
        }
        Random random = new Random(quoted.hashCode());
        for (int i = 0; i < replyWords; i++) {
            words.add(VOCABULARY[random.nextInt(VOCABULARY.length)]);
        }
        int last = words.size() - 1;
        words.set(last, words.get(last) + ".");
        return words;
    }

    /**
     * "I recall" and the earlier questions of the conversation, each quoted by its first words (directives left
     * out), oldest first: what the context holds, made visible (at most {@value #MAX_RECALLED} of them).
     */
    static List<String> recall(List<ChatMessage> messages) {
        List<String> words = new ArrayList<>(List.of("I", "recall:"));
        List<ChatMessage.User> questions = messages.stream().filter(ChatMessage.User.class::isInstance)
                .map(ChatMessage.User.class::cast).toList();
        List<ChatMessage.User> earlier = questions.subList(0, Math.max(0, questions.size() - 1));
        for (ChatMessage.User question : earlier.subList(Math.max(0, earlier.size() - MAX_RECALLED), earlier.size())) {
            String text = OfflineDirectives.parse(question.text()).text().strip();
            String[] quoted = text.isEmpty() ? new String[0] : text.split("\\s+");
            words.add("\"" + String.join(" ", List.of(quoted).subList(0, Math.min(3, quoted.length))) + "\"");
        }
        if (earlier.isEmpty()) {
            words.add("nothing.");
        }
        return words;
    }

    private static int toolResultsSinceLastUser(List<ChatMessage> messages) {
        int results = 0;
        for (int i = messages.size() - 1; i >= 0 && !(messages.get(i) instanceof ChatMessage.User); i--) {
            if (messages.get(i) instanceof ChatMessage.ToolResult) {
                results++;
            }
        }
        return results;
    }

    private static long estimateTokens(ModelRequest request) {
        long chars = 0;
        for (ChatMessage message : request.messages()) {
            chars += message.text().length();
        }
        return (chars + 3) / 4;
    }
}
