package io.switchboard.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * {@code switchboard [run]} starts everything and prints the address and a token; Ctrl-C stops it.
 * {@code switchboard watch CHAT_ID...} follows chats over the WebSocket and prints their events.
 * {@code switchboard token} prints a fresh token for the configured tenant and user.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        Path projectRoot = Path.of(System.getProperty("switchboard.home", ".")).toAbsolutePath().normalize();
        LauncherEnvironment environment = new LauncherEnvironment(System.getenv());
        String command = args.length == 0 ? "run" : args[0];
        try {
            switch (command) {
                case "run" -> run(projectRoot, environment);
                case "watch" -> WatchCommand.run(environment, projectRoot, Arrays.copyOfRange(args, 1, args.length));
                case "token" -> System.out.println(Files.readString(
                        environment.dataDir(projectRoot).resolve(TokenFile.NAME)).strip());
                default -> {
                    System.err.println("usage: switchboard [run | watch CHAT_ID... | token]");
                    System.exit(2);
                }
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("switchboard: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void run(Path projectRoot, LauncherEnvironment environment) throws IOException, InterruptedException {
        StackSettings settings = environment.stackSettings(projectRoot);
        System.out.println("Starting Kafka, PostgreSQL and the four services (data in " + settings.infra().dataDir()
                + ")...");
        long started = System.nanoTime();
        Stack stack = Stack.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping Switchboard...");
            stack.close();
            stopped.countDown();
        }, "switchboard-stop"));
        String token = stack.token(environment.tenant(), environment.user(), environment.roles(),
                Duration.ofHours(environment.tokenHours()));
        Path tokenFile = TokenFile.write(settings.infra().dataDir(), token);
        System.out.printf("""

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
                environment.tenant(), environment.user(), token, tokenFile, environment.tokenHours(),
                settings.infra().dataDir().resolve("logs"));
        stopped.await();
    }
}
