package io.switchboard.deploy.compose;

import java.util.ArrayList;
import java.util.List;

/**
 * Java source with its comments removed and each string literal replaced by {@code "#n"}, n indexing
 * {@link #literals()}: braces, parentheses and slashes inside strings or comments then no longer mislead the
 * regular expressions that read configuration interfaces.
 */
record JavaSourceText(String code, List<String> literals) {

    static JavaSourceText of(String source) {
        StringBuilder code = new StringBuilder(source.length());
        List<String> literals = new ArrayList<>();
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                i = source.indexOf('\n', i);
                i = i < 0 ? source.length() : i;
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? source.length() : end + 2;
                code.append(' ');
            } else if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                int stop = end < 0 ? source.length() : end;
                literals.add(source.substring(i + 3, stop));
                code.append("\"#").append(literals.size() - 1).append('"');
                i = end < 0 ? source.length() : end + 3;
            } else if (c == '"' || c == '\'') {
                StringBuilder literal = new StringBuilder();
                i++;
                while (i < source.length() && source.charAt(i) != c) {
                    if (source.charAt(i) == '\\' && i + 1 < source.length()) {
                        i++;
                    }
                    literal.append(source.charAt(i));
                    i++;
                }
                i++;
                if (c == '"') {
                    literals.add(literal.toString());
                    code.append("\"#").append(literals.size() - 1).append('"');
                } else {
                    code.append("' '");
                }
            } else {
                code.append(c);
                i++;
            }
        }
        return new JavaSourceText(code.toString(), List.copyOf(literals));
    }

    /** The value of a literal placeholder {@code "#n"} (quotes included), or of several joined by {@code +}. */
    String valueOf(String placeholders) {
        StringBuilder value = new StringBuilder();
        for (String part : placeholders.split("\\+")) {
            String trimmed = part.strip();
            if (trimmed.startsWith("\"#") && trimmed.endsWith("\"")) {
                value.append(literals.get(Integer.parseInt(trimmed.substring(2, trimmed.length() - 1))));
            }
        }
        return value.toString();
    }
}
