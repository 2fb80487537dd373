package io.switchboard.chat.llm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.switchboard.chat.config.ChatConfig;

/**
 * The built-in model: no provider, no key, and the same answer for the same message every time, streamed
 * word by word at a configured rate. It makes the whole product usable offline and tests deterministic.
 */
@ApplicationScoped
public class OfflineModel implements ChatModel {

    public static final String NAME = "offline";

    private static final String[] VOCABULARY = {
        "switchboard", "streams", "every", "chat", "in", "its", "own", "lane", "while", "others", "keep",
        "talking", "kafka", "orders", "each", "conversation", "by", "key", "and", "nothing", "waits", "for",
        "anything", "else", "the", "answer", "arrives", "word", "after", "steadily", "branch", "commit"
    };

    private final ChatConfig.Offline config;

    public OfflineModel(ChatConfig config) {
        this.config = config.offline();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Multi<String> stream(ModelRequest request) {
        List<String> words = answer(request.userText(), config.replyWords());
        Duration interval = Duration.ofNanos(1_000_000_000L / Math.max(1, config.wordsPerSecond()));
        return Multi.createFrom().ticks().every(interval)
                .onOverflow().buffer(words.size())
                .select().first(words.size())
                .map(tick -> {
                    int index = tick.intValue();
                    return index == words.size() - 1 ? words.get(index) : words.get(index) + " ";
                });
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
}
