package io.switchboard.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

import io.switchboard.infra.LocalInfrastructure;

/**
 * {@code switchboard [run]} starts everything and prints the address and a token; Ctrl-C stops it.
 * {@code switchboard watch CHAT_ID...} follows chats over the WebSocket and prints their events.
 * {@code switchboard token} prints the token of the stack running on this checkout's data directory.
 */
public final class Launcher {

    private static final System.Logger LOG = System.getLogger(Launcher.class.getName());

    private Launcher() {
    }

    public static void main(String[] args) {
        // Taken before the run command sends System.err to its log file: what the user must see goes here.
        PrintStream out = System.out;
        PrintStream err = System.err;
        Path projectRoot = Path.of(System.getProperty("switchboard.home", ".")).toAbsolutePath().normalize();
        LauncherEnvironment environment = new LauncherEnvironment(System.getenv());
        String command = args.length == 0 ? "run" : args[0];
        try {
            switch (command) {
                case "run" -> run(projectRoot, environment, out, err);
                case "watch" -> WatchCommand.run(environment, projectRoot, Arrays.copyOfRange(args, 1, args.length));
                case "token" -> out.println(token(environment.dataDir(projectRoot)));
                default -> {
                    err.println("usage: switchboard [run | watch CHAT_ID... | token]");
                    System.exit(2);
                }
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("switchboard: " + e.getMessage());
            System.exit(1);
        } catch (Exception e) {
            // Not one of ours: its type is part of the message (a bare path for NoSuchFileException), its trace not.
            err.println("switchboard: " + e);
            System.exit(1);
        }
    }

    static String token(Path dataDir) throws IOException {
        RunningStack.require(dataDir);
        return TokenFile.read(dataDir);
    }

    private static void run(Path projectRoot, LauncherEnvironment environment, PrintStream out, PrintStream err)
            throws IOException, InterruptedException {
        StackSettings settings = environment.stackSettings(projectRoot);
        Path dataDir = settings.infra().dataDir();
        Path logDir = dataDir.resolve("logs");
        RunningStack.claim(dataDir);
        TokenFile.delete(dataDir);
        Path ownLog = InfrastructureLog.redirect(logDir);
        linkServerLogs(logDir, settings);
        Progress progress = new Progress(out);
        long started = System.nanoTime();
        Stack stack;
        try {
            stack = Stack.start(settings, progress);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Switchboard did not start", e);
            progress.failureReport(e, ownLog).forEach(err::println);
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("\nStopping Switchboard...");
            long stopping = System.nanoTime();
            stack.close();
            out.println(Progress.readyLine("stopped", Duration.ofNanos(System.nanoTime() - stopping)));
            stopped.countDown();
        }, "switchboard-stop"));
        String token = stack.token(environment.tenant(), environment.user(), environment.roles(),
                Duration.ofHours(environment.tokenHours()));
        Path tokenFile = TokenFile.write(dataDir, token);
        out.printf("""

                Switchboard is running (started in %d s).
                  Open the app (signs this browser in):
                    %s/#token=%s
                  Gateway:    %s
                  WebSocket:  %s
                  Health, metrics, OpenAPI: %s/q (gateway), %s/q, %s/q, %s/q
                  Tenant:     %s, user: %s
                  Token:      %s
                  (also in %s; valid %d h)
                  Logs:       %s
                Press Ctrl-C to stop.
                %n""",
                (System.nanoTime() - started) / 1_000_000_000L, stack.gatewayUrl(), token, stack.gatewayUrl(),
                stack.gatewayWebSocketUrl(), stack.service(ServiceName.GATEWAY).managementUrl(),
                stack.service(ServiceName.SESSION).managementUrl(), stack.service(ServiceName.CHAT).managementUrl(),
                stack.service(ServiceName.WORKSPACE).managementUrl(),
                environment.tenant(), environment.user(), token, tokenFile, environment.tokenHours(), logDir);
        stopped.await();
    }

    /**
     * Kafka and PostgreSQL write their own logs inside their directories; links to them ({@code kafka.log},
     * {@code postgres.log}) put every log of the stack in one place. Relative, so that they survive moving the data
     * directory; a file system without links just goes without them.
     */
    private static void linkServerLogs(Path logDir, StackSettings settings) {
        for (LocalInfrastructure.Server server : LocalInfrastructure.Server.values()) {
            Path link = logDir.resolve(server.name().toLowerCase(Locale.ROOT) + ".log");
            Path target = logDir.relativize(server.log(settings.infra()));
            try {
                if (Files.isSymbolicLink(link)) {
                    Files.delete(link);
                } else if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                Files.createSymbolicLink(link, target);
            } catch (IOException | UnsupportedOperationException e) {
                LOG.log(System.Logger.Level.WARNING, "Could not link " + link + " to " + target, e);
            }
        }
    }
}
