package io.switchboard.bench;

import java.util.Locale;

/** The running commentary a benchmark prints before its table, each line marked as the benchmark's own. */
final class Progress {

    private Progress() {
    }

    static void progress(String pattern, Object... args) {
        System.out.printf(Locale.ROOT, "[bench] " + pattern + "%n", args);
    }
}
