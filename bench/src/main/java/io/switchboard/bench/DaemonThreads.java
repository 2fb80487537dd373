package io.switchboard.bench;

import java.util.concurrent.ThreadFactory;

/** Helper threads as daemons, so that one still busy when a run ends never keeps the JVM from exiting. */
final class DaemonThreads {

    private DaemonThreads() {
    }

    static ThreadFactory named(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
