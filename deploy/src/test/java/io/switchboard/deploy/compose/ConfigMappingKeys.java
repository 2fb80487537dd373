package io.switchboard.deploy.compose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration names a {@code @ConfigMapping} interface declares, read from its source: the prefix, each
 * method's name in kebab case, nested interfaces as groups, {@code Map<String, X>} as a wildcard segment. A name is
 * required when its method has no {@code @WithDefault} and is neither {@code Optional} nor a map.
 */
final class ConfigMappingKeys {

    private static final Pattern MAPPING = Pattern.compile(
            "@ConfigMapping\\s*\\(\\s*prefix\\s*=\\s*(\"#\\d+\")\\s*\\)[^{]*?interface\\s+(\\w+)");
    private static final Pattern INTERFACE = Pattern.compile("interface\\s+(\\w+)[^{;]*\\{");
    private static final Pattern METHOD = Pattern.compile("((?:@[\\w.]+(?:\\s*\\([^)]*\\))?\\s+)*)"
            + "([\\w.]+(?:\\s*<[^;()]*>)?(?:\\[\\])?)\\s+(\\w+)\\s*\\(\\s*\\)\\s*;");
    private static final Pattern WITH_DEFAULT = Pattern.compile("@WithDefault\\s*\\(([^)]*)\\)");

    private ConfigMappingKeys() {
    }

    /** One configuration name of a mapping, with its default if the method declares one. */
    record MappingKey(String name, boolean required, Optional<String> defaultValue) {
    }

    /** The keys of the mapping in {@code source}, or none when it declares no {@code @ConfigMapping}. */
    static List<MappingKey> of(String source) {
        JavaSourceText text = JavaSourceText.of(source);
        Matcher mapping = MAPPING.matcher(text.code());
        if (!mapping.find()) {
            return List.of();
        }
        String prefix = text.valueOf(mapping.group(1));
        Map<String, String> bodies = interfaceBodies(text.code());
        List<MappingKey> keys = new ArrayList<>();
        collect(mapping.group(2), prefix, bodies, text, keys);
        return keys;
    }

    private static void collect(String type, String prefix, Map<String, String> bodies, JavaSourceText text,
            List<MappingKey> keys) {
        Matcher method = METHOD.matcher(withoutNestedInterfaces(bodies.get(type)));
        while (method.find()) {
            String annotations = method.group(1);
            String returnType = method.group(2).replaceAll("\\s+", "");
            String name = prefix + "." + kebab(method.group(3));
            Matcher withDefault = WITH_DEFAULT.matcher(annotations);
            Optional<String> defaultValue = withDefault.find()
                    ? Optional.of(text.valueOf(withDefault.group(1))) : Optional.empty();
            if (bodies.containsKey(returnType)) {
                collect(returnType, name, bodies, text, keys);
            } else if (returnType.startsWith("Map<")) {
                String valueType = returnType.substring(returnType.lastIndexOf(',') + 1, returnType.length() - 1);
                String entry = name + "." + EnvNames.WILDCARD;
                if (bodies.containsKey(valueType)) {
                    collect(valueType, entry, bodies, text, keys);
                } else {
                    keys.add(new MappingKey(entry, false, defaultValue));
                }
            } else {
                boolean optional = returnType.startsWith("Optional");
                keys.add(new MappingKey(name, !optional && defaultValue.isEmpty(), defaultValue));
            }
        }
    }

    /** Every interface of the file by simple name, with the text between its braces. */
    private static Map<String, String> interfaceBodies(String code) {
        Map<String, String> bodies = new LinkedHashMap<>();
        Matcher matcher = INTERFACE.matcher(code);
        while (matcher.find()) {
            int open = matcher.end() - 1;
            bodies.put(matcher.group(1), code.substring(open + 1, closingBrace(code, open)));
        }
        return bodies;
    }

    private static String withoutNestedInterfaces(String body) {
        StringBuilder direct = new StringBuilder();
        int from = 0;
        Matcher matcher = INTERFACE.matcher(body);
        while (matcher.find(from)) {
            direct.append(body, from, matcher.start());
            from = closingBrace(body, matcher.end() - 1) + 1;
        }
        return direct.append(body.substring(from)).toString();
    }

    private static int closingBrace(String code, int open) {
        int depth = 0;
        for (int i = open; i < code.length(); i++) {
            if (code.charAt(i) == '{') {
                depth++;
            } else if (code.charAt(i) == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("Unbalanced braces from offset " + open);
    }

    /** SmallRye's default naming: {@code maxRunningTurns} is {@code max-running-turns}. */
    static String kebab(String methodName) {
        return methodName.replaceAll("([A-Z]+)([A-Z][a-z])", "$1-$2")
                .replaceAll("([a-z0-9])([A-Z])", "$1-$2")
                .toLowerCase(Locale.ROOT);
    }
}
