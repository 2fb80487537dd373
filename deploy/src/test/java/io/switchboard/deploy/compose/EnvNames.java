package io.switchboard.deploy.compose;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * SmallRye Config's environment names: a property name upper-cased, with every character that is not a letter or
 * digit turned into {@code _} ({@code quarkus.oidc.auth-server-url} is {@code QUARKUS_OIDC_AUTH_SERVER_URL}).
 */
public final class EnvNames {

    /** A map key inside a configuration name: any segment, so any run of env-name characters. */
    static final String WILDCARD = "*";

    private static final Pattern ENV_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");

    private EnvNames() {
    }

    public static String of(String propertyName) {
        StringBuilder env = new StringBuilder(propertyName.length());
        for (char c : propertyName.toCharArray()) {
            env.append(Character.isLetterOrDigit(c) && c < 128 ? c : '_');
        }
        return env.toString().toUpperCase(Locale.ROOT);
    }

    /**
     * Whether a name referred to in a value ({@code ${NAME}}) is an environment variable's rather than a property's:
     * upper case letters, digits and underscores only, which no property name is.
     */
    public static boolean looksLikeEnvName(String name) {
        return ENV_NAME.matcher(name).matches();
    }

    /** The environment names a configuration name with map wildcards ({@code a.*.b}) accepts. */
    static Pattern patternOf(String propertyName) {
        String[] parts = propertyName.split(Pattern.quote(WILDCARD), -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append("[A-Z0-9_]+");
            }
            regex.append(Pattern.quote(of(parts[i])));
        }
        return Pattern.compile(regex.toString());
    }
}
