package io.switchboard.infra.kafka;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;

/**
 * Entry point of the broker's child JVM: {@code BrokerProcessMain <main class> [args...]}.
 *
 * <p>It ties the child's life to its parent: the parent holds the write end of our stdin and
 * never writes, so end-of-file means the parent is gone, even after {@code kill -9}. This class
 * depends on the JDK only and compiles to a single class file, because {@link BrokerClasspath}
 * copies that file out of whatever class loader the parent runs in.
 */
public final class BrokerProcessMain {

    /** Time the broker's own shutdown hook gets before the JVM is halted. */
    private static final long SHUTDOWN_GRACE_MILLIS = 15_000;

    private BrokerProcessMain() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            System.err.println("usage: BrokerProcessMain <main class> [args...]");
            System.exit(2);
        }
        Thread watchdog = new Thread(BrokerProcessMain::exitWhenParentIsGone, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        String[] mainArgs = Arrays.copyOfRange(args, 1, args.length);
        try {
            Class.forName(args[0]).getMethod("main", String[].class).invoke(null, (Object) mainArgs);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void exitWhenParentIsGone() {
        try {
            while (System.in.read() != -1) {
                // The parent never writes; anything read is ignored.
            }
        } catch (IOException e) {
            // A broken pipe means the same as end-of-file.
        }
        Thread halter = new Thread(() -> {
            try {
                Thread.sleep(SHUTDOWN_GRACE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(1);
        }, "shutdown-deadline");
        halter.setDaemon(true);
        halter.start();
        System.exit(0);
    }
}
