package io.switchboard.chat.llm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The small syntax that makes the offline model exercise every path without a provider. Each line of
 * the user message that starts with one of these words is a directive; the other lines are the message.
 *
 * <pre>
 * /tool NAME {JSON}      call a tool: one call per model step, in the order written
 * /fail [MESSAGE]        fail before the first word
 * /fail-after N [MESSAGE] fail after N words
 * /stall [SECONDS]       wait before the first word; without SECONDS until the turn is stopped
 * /words N               answer with N words after the preamble
 * /rate N                stream N words per second
 * /recall                answer with the earlier questions the model sees, oldest first
 * </pre>
 */
public record OfflineDirectives(String text, List<ToolDirective> tools, Optional<String> failure, int failAfterWords,
                                Optional<Duration> stall, boolean stallForever, Optional<Integer> words,
                                Optional<Integer> rate, boolean recall) {

    /** A tool call the offline model makes. */
    public record ToolDirective(String name, String argumentsJson) {
    }

    public static OfflineDirectives parse(String message) {
        StringBuilder text = new StringBuilder();
        List<ToolDirective> tools = new ArrayList<>();
        Optional<String> failure = Optional.empty();
        int failAfter = 0;
        Optional<Duration> stall = Optional.empty();
        boolean stallForever = false;
        Optional<Integer> words = Optional.empty();
        Optional<Integer> rate = Optional.empty();
        boolean recall = false;
        for (String line : message.split("\n", -1)) {
            String trimmed = line.strip();
            String[] parts = trimmed.split("\\s+", 2);
            String rest = parts.length > 1 ? parts[1].strip() : "";
            switch (parts[0]) {
                case "/tool" -> {
                    String[] call = rest.split("\\s+", 2);
                    if (!call[0].isEmpty()) {
                        tools.add(new ToolDirective(call[0], call.length > 1 ? call[1].strip() : "{}"));
                    }
                }
                case "/fail" -> failure = Optional.of(rest.isEmpty() ? "The offline model was asked to fail" : rest);
                case "/fail-after" -> {
                    String[] after = rest.split("\\s+", 2);
                    failAfter = Math.max(0, number(after[0]).orElse(0));
                    failure = Optional.of(after.length > 1 ? after[1] : "The offline model was asked to fail");
                }
                case "/stall" -> {
                    Optional<Integer> seconds = number(rest);
                    stall = seconds.map(Duration::ofSeconds);
                    stallForever = seconds.isEmpty();
                }
                case "/words" -> words = number(rest);
                case "/rate" -> rate = number(rest).filter(n -> n > 0);
                case "/recall" -> recall = true;
                default -> {
                    if (!text.isEmpty()) {
                        text.append('\n');
                    }
                    text.append(line);
                }
            }
        }
        return new OfflineDirectives(text.toString(), List.copyOf(tools), failure, failAfter, stall, stallForever,
                words, rate, recall);
    }

    private static Optional<Integer> number(String value) {
        try {
            return Optional.of(Integer.parseInt(value.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
